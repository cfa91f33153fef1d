"""The roadmap's list of jalons (content/liste-des-jalons.yml) and `jalons import-liste`: every jalon's
statement from the list as the RRECQ publishes it; one source of truth with the published fiches."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import FIXTURES, jalons_command, mkdocs_build
from ruamel.yaml import YAML

from jalons.content.errors import ContentErrors
from jalons.editing.importliste import ListeImportError, parse_liste
from jalons.content.loading import load_corpus

LISTE_TEXTE = FIXTURES / "liste-des-jalons.txt"  # 67 statements, CRLF, NBSP, wrapped lines, a title
LISTE = "content/liste-des-jalons.yml"
FICHE_22 = "content/jalons/22-reseaux-de-collaboration.yml"


def snapshot(project: Path) -> dict[str, bytes]:
    content = project / "content"
    return {str(path.relative_to(content)): path.read_bytes() for path in sorted(content.rglob("*")) if path.is_file()}


def load(path: Path):
    return YAML(typ="safe").load(path.read_text(encoding="utf-8"))


def import_liste(project: Path, source: Path | str, *args: str):
    if isinstance(source, str):
        path = project.parent / "liste.txt"
        path.write_text(source, encoding="utf-8")
        source = path
    return jalons_command("import-liste", str(source), *args, cwd=project)


@pytest.fixture
def with_liste(project) -> Path:
    result = import_liste(project, LISTE_TEXTE)
    assert result.returncode == 0, result.stderr
    return project


def test_the_published_list_is_imported_whole(with_liste):
    entries = load(with_liste / LISTE)["jalons"]
    assert [entry["numero"] for entry in entries] == list(range(1, 68))
    fixture = LISTE_TEXTE.read_text(encoding="utf-8")
    # A wrapped statement is one text; the title line before jalon 1 is not a statement.
    wrapped = next(entry for entry in entries if entry["numero"] == 5)
    assert " ".join(wrapped["enonce"].split()) in " ".join(fixture.replace("\u00a0", " ").split())
    assert all("Fiches jalons" not in entry["enonce"] for entry in entries)
    assert "yaml-language-server" in (with_liste / LISTE).read_text(encoding="utf-8")
    check = jalons_command("check", cwd=with_liste)
    assert check.stdout.strip().endswith("liste des jalons : 67 énoncés.")
    corpus = load_corpus(with_liste / "content")
    assert corpus.enonce(1) == entries[0]["enonce"] and corpus.enonce(22) == corpus.jalons[22].enonce


def test_importing_twice_changes_nothing_and_comments_stay(with_liste):
    path = with_liste / LISTE
    path.write_text(path.read_text(encoding="utf-8").replace("  - numero: 3\n", "  # À relire.\n  - numero: 3\n"),
                    encoding="utf-8")
    before = snapshot(with_liste)
    again = import_liste(with_liste, LISTE_TEXTE)
    assert again.returncode == 0, again.stderr
    assert "Rien à changer" in again.stdout
    assert snapshot(with_liste) == before


@pytest.mark.parametrize("change, message", [
    (lambda text: re.sub(r"^Jalon 7\b.*$", "", text, flags=re.M), "il manque 1 jalon(s) sur 67 : 7"),
    (lambda text: re.sub(r"^Jalon 9\b", "Jalon 8", text, flags=re.M), "jalon 8 donné deux fois (déjà ligne"),
    (lambda text: text + "\nJalon 68 : Un jalon de trop.\n",
     "jalon 68 hors de la feuille de route (la feuille de route compte les jalons 1 à 67)"),
    # The first and the last jalon count; twelve missing are all named, a thirteenth is « … ».
    (lambda text: re.sub(r"^Jalon (1|67)\b.*?(?=^\s*$|\Z)", "", text, flags=re.M | re.S),
     "il manque 2 jalon(s) sur 67 : 1, 67\n"),
    (lambda text: re.sub(r"^Jalon ([2-9]|1[0-3])\b.*?(?=^\s*$|\Z)", "", text, flags=re.M | re.S),
     "il manque 12 jalon(s) sur 67 : 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13\n"),
    (lambda text: re.sub(r"^Jalon ([2-9]|1[0-4])\b.*?(?=^\s*$|\Z)", "", text, flags=re.M | re.S),
     "il manque 13 jalon(s) sur 67 : 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13…\n"),
    (lambda text: re.sub(r"^(Jalon 12\b.*)$", r"\1\n\nUn paragraphe égaré.\n", text, flags=re.M),
     "texte hors d'un jalon"),
    (lambda text: text.replace("organisations d’économie sociale", "organismes communautaires"),
     "énoncé du jalon 22 différent de celui de content/jalons/22-reseaux-de-collaboration.yml:6:"),
    (lambda text: re.sub(r"^(Jalon 2\b\W*)", "\\1Un\u000b", text, count=1, flags=re.M), "liste.txt:5: caractère invisible U+000B"),
], ids=["numero-manquant", "numero-en-double", "hors-feuille", "premier-et-dernier", "douze-manquants",
        "treize-manquants", "texte-egare", "differe-de-la-fiche", "invisible"])
def test_a_faulty_list_is_refused_with_its_lines_and_changes_nothing(project, change, message):
    before = snapshot(project)
    text = change(LISTE_TEXTE.read_text(encoding="utf-8"))
    result = import_liste(project, text)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert message in result.stderr, result.stderr
    assert "liste.txt:" in result.stderr and "aucun fichier n'a été modifié" in result.stderr
    assert snapshot(project) == before


def test_force_replaces_the_statement_in_the_list_and_the_fiche(with_liste):
    text = LISTE_TEXTE.read_text(encoding="utf-8").replace("organisations d’économie sociale",
                                                            "organisations de l’économie sociale")
    refused = import_liste(with_liste, text)
    assert refused.returncode == 1 and f"{LISTE}:" in refused.stderr
    forced = import_liste(with_liste, text, "--force")
    assert forced.returncode == 0, forced.stderr
    assert "de l’économie sociale" in " ".join(load(with_liste / FICHE_22)["enonce"].split())
    assert "# Fiche du jalon 22" in (with_liste / FICHE_22).read_text(encoding="utf-8")  # comments kept
    load_corpus(with_liste / "content")


def test_parse_reads_the_quirks_of_a_copied_page():
    entries = parse_liste("Feuille de route\r\n\r\nJalon 1\u00a0: Un énoncé\r\nqui continue.\r\nJalon 2: Deux.\r\n"
                          "JALON 3 :\u202fTrois\r\n\r\n", "page.txt")
    assert [(entry.numero, entry.enonce) for entry in entries] == [
        (1, "Un énoncé qui continue."), (2, "Deux."), (3, "Trois")]
    with pytest.raises(ListeImportError, match="aucune ligne « Jalon N : énoncé »"):
        parse_liste("Rien ici\n", "vide.txt")


# ----------------------------------------------------------------------------------------------
# The list as content: checked by the loader


def _liste_file(project: Path, entries: list[str]) -> Path:
    path = project / LISTE
    path.write_text("jalons:\n" + "".join(entries), encoding="utf-8")
    return path


def _entries(count: int = 67, **overrides: str) -> list[str]:
    lines = []
    for numero in range(1, count + 1):
        enonce = overrides.get(str(numero), "Dans la plupart des filières et territoires, des réseaux de "
                               "collaboration stimulent la mise en place de chaînes de valeur circulaires en favorisant "
                               "la coopération entre entreprises privées et organisations d'économie sociale"
                               if numero == 22 else f"Énoncé du jalon {numero}.")
        lines.append(f"  - numero: {numero}\n    enonce: \"{enonce}\"\n")
    return lines


@pytest.mark.parametrize("entries, where, message", [
    (lambda: _entries(66), (LISTE, 1), "il manque 67"),
    (lambda: _entries() + ["  - numero: 5\n    enonce: Encore.\n"], (LISTE, 136), "jalon 5 déjà dans la liste"),
    (lambda: _entries(**{"22": "Un autre énoncé."}), (FICHE_22, 6), "énoncé différent de celui de la liste des jalons"),
    (lambda: [e.replace("enonce:", "pivot: true\n    enonce:") if e.startswith("  - numero: 22\n") else e
              for e in _entries()], (FICHE_22, 4), "pivot : la fiche dit false, la liste des jalons true"),
    (lambda: [e + "    rangee: 1\n" if e.startswith("  - numero: 3\n") else e for e in _entries()], (LISTE, 6),
     "rangee et colonne vont ensemble"),
    (lambda: [e + "    rangee: 1\n    colonne: 3\n" if e.startswith("  - numero: 3\n") else e for e in _entries()],
     (LISTE, 1), "rangee et colonne données pour 1 jalons sur 67 : donnez-les à tous"),
    (lambda: [e + "    rangee: 1\n    colonne: 2\n" if e.startswith(("  - numero: 3\n", "  - numero: 4\n")) else e
              for e in _entries()], (LISTE, 12), "rangée 1, colonne 2 déjà prise par le jalon 3"),
], ids=["incomplete", "en-double", "enonce-different", "pivot-different", "position-incomplete",
        "positions-pour-quelques-uns", "meme-place"])
def test_the_list_and_the_fiches_agree(project, entries, where, message):
    _liste_file(project, entries())
    with pytest.raises(ContentErrors) as caught:
        load_corpus(project / "content")
    matching = [error for error in caught.value.errors if message in error.message]
    assert matching, caught.value.report()
    assert (matching[0].path, matching[0].line) == (project / where[0], where[1]), caught.value.report()


@pytest.mark.lent
def test_statements_reach_the_index_and_the_placeholders(with_liste):
    result = mkdocs_build(with_liste, env={"JALONS_PDF": "false"})
    assert result.returncode == 0, result.stderr
    site = with_liste / "site"
    statements = {entry["numero"]: " ".join(entry["enonce"].split()) for entry in load(with_liste / LISTE)["jalons"]}
    index = BeautifulSoup((site / "jalons/index.html").read_text(encoding="utf-8"), "html.parser")
    rows = {int(li["value"]): li for li in index.select("li.jalons-index__item")}
    for numero in (1, 5, 67):
        assert statements[numero] in " ".join(rows[numero].get_text().split())  # what the word filter reads
    placeholder = BeautifulSoup((site / "jalons/25/index.html").read_text(encoding="utf-8"), "html.parser")
    # Without a title in the list, the statement is the page's title.
    assert statements[25] in " ".join(placeholder.select_one(".jalon-entete h1").get_text().split())
    records = __import__("json").loads((site / "donnees/liste-des-jalons.json").read_text(encoding="utf-8"))
    assert len(records) == 67 and records[21]["url"] == "jalons/22/" and records[0]["url"] is None


def test_new_takes_the_statement_from_the_list_and_check_warns_while_the_fiche_is_empty(with_liste):
    entry = next(item for item in load(with_liste / LISTE)["jalons"] if item["numero"] == 5)
    result = jalons_command("new", "5", "Un titre", cwd=with_liste)
    assert result.returncode == 0, result.stderr
    path = with_liste / "content/jalons/05-un-titre.yml"
    assert load(path)["enonce"] == entry["enonce"]
    check = jalons_command("check", cwd=with_liste)
    assert check.returncode == 0, check.stderr  # the list's statement is the one the fiche must have
    assert ("Attention : content/jalons/05-un-titre.yml:3:1: fiche vide : toutes ses sections (pourquoi, "
            "leviers, facilitateurs, freins, questions) sont vides") in check.stderr, check.stderr
    assert "22-reseaux" not in check.stderr  # a fiche with content is not reported
