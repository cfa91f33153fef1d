"""`jalons import`: published fiches (text or PDF) into YAML, whatever their text looks like."""

from __future__ import annotations

import random
import re
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import FIXTURES, ROOT, jalons_command
from ruamel.yaml import YAML

from jalons.content.textmarkup import plain_text

SEED = (FIXTURES / "seed-jalon-22.txt").read_text(encoding="utf-8")
FICHE_22 = "content/jalons/22-reseaux-de-collaboration.yml"
COMPARED = ("numero", "titre", "enonce", "mobiliser", "pourquoi", "leviers", "facilitateurs", "freins",
            "questions", "ressources", "version")


def load(path: Path) -> dict:
    return YAML(typ="safe").load(path.read_text(encoding="utf-8"))


def as_read(fiche: dict) -> dict:
    """A fiche's values as a reader reads them: link markup aside (the PDF carried no link targets)."""
    def read(value):
        if isinstance(value, list):
            return [read(item) for item in value]
        return " ".join(plain_text(value).split()) if isinstance(value, str) else value
    return {key: read(fiche.get(key, [] if key not in ("numero", "titre", "enonce", "version") else None))
            for key in COMPARED}


@pytest.fixture
def without_22(project) -> Path:
    """The project with no fiche 22: what an import of the seed must recreate."""
    (project / FICHE_22).unlink()
    return project


def import_file(project: Path, source: Path, *args: str):
    return jalons_command("import", str(source), *args, cwd=project)


def imported(project: Path) -> dict:
    return load(project / FICHE_22)


def test_seed_text_recreates_fiche_22(without_22):
    result = import_file(without_22, FIXTURES / "seed-jalon-22.txt")
    assert result.returncode == 0, result.stderr
    assert as_read(imported(without_22)) == as_read(load(ROOT / FICHE_22))
    assert "jalons check : contenu valide." in result.stdout
    assert "Comment pourrait-on s'y rendre? : 6 éléments" in result.stdout
    assert jalons_command("check", cwd=without_22).returncode == 0
    # The underlined organisations become links to their resources, as in the hand-made fiche.
    assert "[CERIEC](ressource:ceriec)" in imported(without_22)["leviers"][2]


def test_pdf_of_the_seed_imports_the_same(without_22, tmp_path):
    import html

    import weasyprint

    paragraphs = []
    for line in SEED.splitlines():
        escaped = html.escape(line).replace("&lt;u&gt;", "<u>").replace("&lt;/u&gt;", "</u>")
        paragraphs.append(f"<p>{escaped}</p>" if line.strip() else "")
    pdf = tmp_path / "fiche-22.pdf"
    weasyprint.HTML(string="<html lang=fr><body style='font-family: DejaVu Sans; font-size: 10pt'>"
                           + "\n".join(paragraphs) + "</body></html>").write_pdf(pdf)
    result = import_file(without_22, pdf)
    assert result.returncode == 0, result.stderr
    assert as_read(imported(without_22)) == as_read(load(ROOT / FICHE_22))


def wrap_items(text: str, width: int = 72) -> str:
    """Each long line wrapped as a PDF would: continuation lines carry no bullet."""
    out = []
    for line in text.splitlines():
        out += textwrap.wrap(line, width, break_on_hyphens=False) if len(line) > width else [line]
    return "\n".join(out) + "\n"


def without_section(heading: str, keep_heading: bool) -> Callable[[str], str]:
    def change(text: str) -> str:
        start = text.index(heading)
        end = text.index("Ressources\n", start)
        return text[:start] + (heading + "\n\n" if keep_heading else "") + text[end:]
    return change


VARIANTS = {
    "lignes-coupees": wrap_items,
    "puces-rondes": lambda text: re.sub(r"(?m)^- ", "• ", text),
    "puces-perdues": lambda text: re.sub(r"(?m)^- ", "", text),
    "espace-au-lieu-des-puces": lambda text: re.sub(r"(?m)^- ", " ", text),
    "lignes-vides-en-serie": lambda text: re.sub(r"\n", "\n\n\n", text),
    "crlf": lambda text: text.replace("\n", "\r\n"),
    "sauts-de-page": lambda text: text.replace("\nQu'est-ce qui peut faciliter", "\n\f\nQu'est-ce qui peut faciliter")
                                       .replace("\nRessources\n", "\f\nRessources\n"),
    "coupees-et-puces-perdues": lambda text: wrap_items(re.sub(r"(?m)^- ", "", text)),
}


@pytest.mark.parametrize("name", VARIANTS)
def test_layout_variants_import_the_same_items(without_22, tmp_path, name):
    source = tmp_path / f"{name}.txt"
    source.write_bytes(VARIANTS[name](SEED).encode("utf-8"))
    result = import_file(without_22, source)
    assert result.returncode == 0, result.stderr
    assert as_read(imported(without_22)) == as_read(load(ROOT / FICHE_22))


@pytest.mark.parametrize("keep_heading", [False, True], ids=["section-absente", "section-vide"])
def test_missing_or_empty_section(without_22, tmp_path, keep_heading):
    source = tmp_path / "fiche.txt"
    source.write_text(without_section("Qu'est-ce qu'il reste à éclaircir?", keep_heading)(SEED), encoding="utf-8")
    result = import_file(without_22, source)
    assert result.returncode == 0, result.stderr
    expected = {**as_read(load(ROOT / FICHE_22)), "questions": []}
    assert as_read(imported(without_22)) == expected


def test_unplaced_line_is_reported_and_kept(without_22, tmp_path):
    source = tmp_path / "fiche.txt"
    source.write_text(SEED.replace("Niveau d'avancement\n", "Niveau d'avancement\nUne note manuscrite en marge\n"),
                      encoding="utf-8")
    result = import_file(without_22, source)
    assert result.returncode == 0, result.stderr
    assert "non placée : Une note manuscrite en marge" in result.stderr
    assert "# ligne " in (without_22 / FICHE_22).read_text(encoding="utf-8")
    assert "Une note manuscrite en marge" in (without_22 / FICHE_22).read_text(encoding="utf-8")


def test_unknown_group_and_resource_are_added_not_dropped(without_22, tmp_path):
    source = tmp_path / "fiche.txt"
    source.write_text(SEED.replace("Organismes de développement territorial", "Municipalités et MRC")
                      .replace("- HEC Montréal. 2025. Pôle e3c",
                               "- HEC Montréal. 2025. Pôle e3c\n- Observatoire d'essai. 2023. <u>Un rapport à lire</u>"),
                      encoding="utf-8")
    result = import_file(without_22, source)
    assert result.returncode == 0, result.stderr
    roadmap = load(without_22 / "content/feuille-de-route.yml")
    assert {"id": "municipalites-et-mrc", "nom": "Municipalités et MRC"} in roadmap["parties_prenantes"]
    assert "# Données communes" in (without_22 / "content/feuille-de-route.yml").read_text(encoding="utf-8")
    assert "ajoutée à feuille-de-route.yml" in result.stdout
    fiche = imported(without_22)
    assert fiche["mobiliser"] == ["milieu-affaires-travail", "municipalites-et-mrc"]
    assert fiche["ressources"][2] == "un-rapport-a-lire"
    resource = without_22 / "content/ressources/un-rapport-a-lire.yml"
    assert load(resource) == {"titre": "Un rapport à lire", "auteur": "Observatoire d'essai", "annee": 2023, "type": "autre"}
    assert "adresse à compléter" in resource.read_text(encoding="utf-8")


def test_underlined_words_without_a_resource_are_noted(without_22, tmp_path):
    source = tmp_path / "fiche.txt"
    source.write_text(SEED.replace("comme ceux offerts par PME-Montréal", "comme ceux offerts par <u>PME-Montréal</u>"),
                      encoding="utf-8")
    assert import_file(without_22, source).returncode == 0
    text = (without_22 / FICHE_22).read_text(encoding="utf-8")
    assert "# lien à compléter : « PME-Montréal »" in text
    assert "<u>" not in text


def test_never_overwrites_without_force(project):
    before = (project / FICHE_22).read_bytes()
    result = import_file(project, FIXTURES / "seed-jalon-22.txt")
    assert result.returncode == 1 and "--force" in result.stderr and "Traceback" not in result.stderr
    assert (project / FICHE_22).read_bytes() == before
    forced = import_file(project, FIXTURES / "seed-jalon-22.txt", "--force")
    assert forced.returncode == 0, forced.stderr
    assert as_read(imported(project)) == as_read(load(ROOT / FICHE_22))


@pytest.mark.parametrize("content, message", [
    ("Un texte quelconque\nsans numéro de jalon\n", "aucune ligne « Jalon NN »"),
])
def test_text_that_is_not_a_fiche(without_22, tmp_path, content, message):
    source = tmp_path / "autre.txt"
    source.write_text(content, encoding="utf-8")
    result = import_file(without_22, source)
    assert result.returncode == 1 and message in result.stderr and "Traceback" not in result.stderr


def test_broken_roadmap_file_is_reported_with_its_line(without_22):
    roadmap = without_22 / "content" / "feuille-de-route.yml"
    roadmap.write_text(roadmap.read_text(encoding="utf-8").replace("contact: info@rrecq.ca", "contact: [info"),
                       encoding="utf-8")
    result = import_file(without_22, FIXTURES / "seed-jalon-22.txt")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert re.search(r"feuille-de-route\.yml:\d+:\d+: ", result.stderr), result.stderr
    assert not (without_22 / FICHE_22).exists()


# Fiches the importer has never seen, in the same layout: generated from a structure, then compared to it.
WORDS = ("transition circulaire réemploi matières filières territoires entreprises organisations réseaux "
         "collaboration municipalités données indicateurs financement recherche formation mutualisation "
         "infrastructures économie sociale chaînes valeur approvisionnement consommation").split()


def sentence(rng: random.Random) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(8, 30))]
    return words[0].capitalize() + " " + " ".join(words[1:]) + rng.choice([".", ".", "?"])


def generated_fiche(seed: int) -> tuple[dict, str]:
    rng = random.Random(seed)
    numero = rng.randint(1, 67)
    structure = {
        "numero": numero,
        "titre": " ".join(rng.choice(WORDS) for _ in range(5)).capitalize(),
        "enonce": sentence(rng).rstrip(".?"),
        **{key: [" ".join(sentence(rng) for _ in range(rng.randint(1, 3))) for _ in range(rng.randint(1, 5))]
           for key in ("pourquoi", "leviers", "facilitateurs", "freins", "questions")},
        "mobiliser": ["milieu-affaires-travail"],
        "version": f"20{rng.randint(25, 30)}-{rng.randint(1, 12):02d}",
    }
    from jalons.content.dates import mois_annee
    from jalons.content.model import SECTIONS

    headings = dict(SECTIONS)
    title_words = structure["titre"].split()
    lines = [f"Jalon {numero}", " ".join(title_words[:3]), "", " ".join(title_words[3:]), "", structure["enonce"], ""]

    def section(key: str) -> None:
        lines.extend([headings[key], ""])
        for item in structure[key]:
            wrapped = textwrap.wrap(item, rng.randint(50, 90))
            lines.append("- " + wrapped[0])
            lines.extend(wrapped[1:])
        lines.append("")

    section("pourquoi")
    lines += ["Niveau d'avancement", "", "Mauvaise On est au On se On est en On est bien Jalon", "",
              "Qui doit être mobilisé", "", "", "Milieu des affaires et du travail", ""]
    for key in ("leviers", "facilitateurs", "freins", "questions"):
        section(key)
    lines += ["À propos", "", "Cette fiche jalon met en lumière des pistes d'action.", "",
              f"Version: {mois_annee(structure['version'])}", ""]
    return structure, "\n".join(lines)


@pytest.mark.parametrize("seed", range(6))
def test_unseen_fiches_in_the_same_layout(project, tmp_path, seed):
    structure, text = generated_fiche(seed)
    for path in (project / "content/jalons").glob("*.yml"):
        path.unlink()
    source = tmp_path / "inedite.txt"
    source.write_text(text, encoding="utf-8")
    result = import_file(project, source)
    assert result.returncode == 0, result.stderr
    path = next((project / "content/jalons").glob("*.yml"))
    assert as_read(load(path)) == as_read({**structure, "ressources": []})


def test_groups_named_twice_are_kept_once_and_said(without_22, tmp_path):
    """A known group named twice, and a new group named twice: each kept once, the repeat said, one new group."""
    source = tmp_path / "fiche.txt"
    source.write_text(SEED.replace("Organismes de développement territorial",
                                   "Organismes de développement territorial\n\nMilieu des affaires et du travail\n\n"
                                   "Municipalités et MRC\n\nMunicipalités et MRC"), encoding="utf-8")
    result = import_file(without_22, source)
    assert result.returncode == 0, result.stderr
    assert imported(without_22)["mobiliser"] == ["milieu-affaires-travail", "developpement-territorial",
                                                 "municipalites-et-mrc"]
    assert "partie prenante « Milieu des affaires et du travail » déjà nommée : gardée une fois" in result.stderr
    assert "partie prenante « Municipalités et MRC » déjà nommée : gardée une fois" in result.stderr
    roadmap = load(without_22 / "content/feuille-de-route.yml")["parties_prenantes"]
    assert [group["id"] for group in roadmap].count("municipalites-et-mrc") == 1


def test_a_fiche_without_its_groups_section_imports_with_none(without_22, tmp_path):
    source = tmp_path / "fiche.txt"
    start = SEED.index("Qui doit être mobilisé")
    source.write_text(SEED[:start] + SEED[SEED.index("Comment pourrait-on s'y rendre?"):], encoding="utf-8")
    result = import_file(without_22, source)
    assert result.returncode == 0, result.stderr
    assert imported(without_22).get("mobiliser", []) == []


def test_an_underlined_resource_in_the_statement_is_linked(without_22, tmp_path):
    source = tmp_path / "fiche.txt"
    source.write_text(SEED.replace("d'économie sociale\n\nPourquoi", "d'économie sociale, avec le <u>CERIEC</u>\n\nPourquoi", 1)
                      .replace("<u>PME</u>", "PME"), encoding="utf-8")
    result = import_file(without_22, source)
    assert result.returncode == 0, result.stderr
    assert imported(without_22)["enonce"].endswith("avec le [CERIEC](ressource:ceriec)")


def test_invisible_characters_in_a_fiches_text_are_each_named_and_nothing_is_written(tmp_path):
    from jalons.editing.importing import FicheImportError, parse

    text = SEED.replace("Pourquoi ce jalon?", "Pourquoi ce jalon?\n0\x07", 1).replace("Ressources", "Ressources\u202e", 1)
    with pytest.raises(FicheImportError) as raised:
        parse(text, [])
    message = str(raised.value)
    assert "U+0007" in message and "U+202E" in message and message.count("ligne ") == 2
    assert "importez ce fichier" in message


def test_a_scale_drawn_without_a_readable_level_is_said_just_before_the_groups(without_22):
    """The published sheet draws the scale without marking a level: the import says where a level lives now,
    as a comment right above `mobiliser`, word for word, and writes no level."""
    assert import_file(without_22, FIXTURES / "seed-jalon-22.txt").returncode == 0
    lines = (without_22 / FICHE_22).read_text(encoding="utf-8").splitlines()
    at = lines.index("mobiliser:")
    assert lines[at - 1] == ("# La fiche publiée dessine l'échelle sans niveau lisible. Le niveau d'un jalon se donne "
                             "dans une campagne d'évaluation (content/evaluations/AAAA-MM.yml), avec sa justification.")
    assert "avancement" not in imported(without_22)
