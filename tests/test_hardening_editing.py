"""The editing commands (`import`, `suggestion apply`, `new`) under hostile or careless input: a French
message naming the file, a non-zero exit, and every file byte for byte as it was; nothing existing is
ever replaced without --force."""

from __future__ import annotations

import errno
import json
from pathlib import Path

import pytest
from conftest import FIXTURES, jalons_command
from ruamel.yaml import YAML

from jalons.editing import transaction
from jalons.editing.applying import apply
from jalons.content.loading import ContentInvalidBefore, load_corpus
from jalons.content.suggestion import DEBUT, FIN, SuggestionError, parse_message, read_message
from jalons.editing.transaction import WriteError

FICHE_22 = "content/jalons/22-reseaux-de-collaboration.yml"
SEED = (FIXTURES / "seed-jalon-22.txt").read_text(encoding="utf-8")


def snapshot(project: Path) -> dict[str, bytes]:
    """Every file of the content folder, by path: what « nothing changed » is compared with."""
    content = project / "content"
    return {str(path.relative_to(content)): path.read_bytes()
            for path in sorted(content.rglob("*")) if path.is_file() and not path.is_symlink()}


def load(path: Path):
    return YAML(typ="safe").load(path.read_text(encoding="utf-8"))


def block(**fields) -> str:
    lines = [f"{key}: {json.dumps(value, ensure_ascii=False)}" for key, value in fields.items()]
    return "\n".join([DEBUT, *lines, FIN]) + "\n"


def apply_message(project: Path, text: str | bytes, name: str = "message.txt"):
    message = project.parent / name
    message.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return jalons_command("suggestion", "apply", str(message), cwd=project)


def import_text(project: Path, text: str, *args: str):
    source = project.parent / "fiche.txt"
    source.write_text(text, encoding="utf-8")
    return jalons_command("import", str(source), *args, cwd=project)


@pytest.fixture
def without_22(project) -> Path:
    (project / FICHE_22).unlink()
    return project


# ----------------------------------------------------------------------------------------------
# import: nothing existing replaced


def test_import_never_overwrites_a_resource_that_only_shares_its_name(without_22):
    before = snapshot(without_22)
    seed = SEED.replace("- La Ruche. Un projet à financer? On peut vous aider!", "- La Ruche\n- Fonds Ecoleader")
    result = import_text(without_22, seed)
    assert result.returncode == 0, result.stderr
    after = snapshot(without_22)
    fiche = load(without_22 / FICHE_22)
    for existing, title in (("la-ruche", "La Ruche"), ("fonds-ecoleader", "Fonds Ecoleader")):
        assert after[f"ressources/{existing}.yml"] == before[f"ressources/{existing}.yml"]
        assert f"{existing}-2" in fiche["ressources"]
        assert load(without_22 / f"content/ressources/{existing}-2.yml")["titre"] == title
        assert f"le nom {existing} est déjà pris" in result.stdout
    # Every resource file that existed is byte for byte the same.
    assert all(after[name] == data for name, data in before.items() if name.startswith("ressources/"))


def test_import_links_a_reference_to_the_resource_of_the_same_title(without_22):
    before = snapshot(without_22)
    seed = SEED.replace("- Fonds Écoleader. 2024. <u>Programme",  "- Fonds Ecoleader. <u>Programme")
    result = import_text(without_22, seed)
    assert result.returncode == 0, result.stderr
    assert "fonds-ecoleader" in load(without_22 / FICHE_22)["ressources"]
    assert "la ressource existante « fonds-ecoleader » est citée" in result.stdout
    assert snapshot(without_22)["ressources/fonds-ecoleader.yml"] == before["ressources/fonds-ecoleader.yml"]


def test_import_of_a_group_written_as_its_id_adds_no_second_group(without_22):
    seed = SEED.replace("Milieu des affaires et du travail", "Milieu affaires travail")
    assert "Milieu affaires travail" in seed
    result = import_text(without_22, seed)
    assert result.returncode == 0, result.stderr
    groups = [group["id"] for group in load(without_22 / "content/feuille-de-route.yml")["parties_prenantes"]]
    assert groups.count("milieu-affaires-travail") == 1
    assert "rattachée au groupe existant" in result.stdout


@pytest.mark.parametrize("damage, message", [
    (lambda p: p.write_text("titre: [La Ruche\n", encoding="utf-8"), "content/ressources/la-ruche.yml:"),
    (lambda p: p.write_bytes("titre: Crédit\ntype: autre\n".encode("latin-1")), "UTF-8"),
], ids=["syntaxe", "latin-1"])
def test_import_with_a_broken_resource_present_changes_nothing(without_22, damage, message):
    damage(without_22 / "content/ressources/la-ruche.yml")
    before = snapshot(without_22)
    result = import_text(without_22, SEED)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert message in result.stderr and "déjà invalide" in result.stderr
    assert snapshot(without_22) == before


def test_import_whose_result_would_be_invalid_writes_nothing(without_22):
    """No « Version : » line: refused, nothing written, and the way out is said (--version)."""
    before = snapshot(without_22)
    result = import_text(without_22, SEED.replace("Version: juillet 2025", ""))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "--version" in result.stderr and "aucun fichier n'a été modifié" in result.stderr
    assert snapshot(without_22) == before
    again = import_text(without_22, SEED.replace("Version: juillet 2025", ""), "--version", "2025-07")
    assert again.returncode == 0, again.stderr
    assert load(without_22 / FICHE_22)["version"] == "2025-07"


def test_forced_import_under_another_name_replaces_the_old_fiche_all_or_nothing(project):
    old = project / "content/jalons/22-ancien-nom.yml"
    (project / FICHE_22).rename(old)
    before = snapshot(project)
    refused = import_text(project, SEED.replace("Version: juillet 2025", ""), "--force")
    assert refused.returncode == 1 and snapshot(project) == before  # the old fiche is back too
    forced = import_text(project, SEED, "--force")
    assert forced.returncode == 0, forced.stderr
    assert not old.exists() and load(project / FICHE_22)["numero"] == 22


def _pdf_of_seed(path: Path) -> None:
    import html

    import weasyprint

    paragraphs = [f"<p>{html.escape(line)}</p>" for line in SEED.replace("<u>", "").replace("</u>", "").splitlines()
                  if line.strip()]
    weasyprint.HTML(string="<html lang=fr><body>" + "".join(paragraphs) + "</body></html>").write_pdf(path)


@pytest.mark.parametrize("password, algorithm, expected", [
    ("secret", "AES-256", "protégé par un mot de passe"),
    ("", "AES-128", None),  # permission-restricted PDFs: readable, so imported
], ids=["aes-256-mot-de-passe", "aes-128-sans-mot-de-passe"])
def test_import_of_an_encrypted_pdf(without_22, tmp_path, password, algorithm, expected):
    from pypdf import PdfReader, PdfWriter

    plain, encrypted = tmp_path / "clair.pdf", tmp_path / "chiffre.pdf"
    _pdf_of_seed(plain)
    writer = PdfWriter(clone_from=PdfReader(plain))
    writer.encrypt(user_password=password, owner_password="proprietaire", algorithm=algorithm)
    writer.write(encrypted)
    before = snapshot(without_22)
    result = jalons_command("import", str(encrypted), cwd=without_22)
    assert "Traceback" not in result.stderr
    if expected:
        assert result.returncode == 1 and expected in result.stderr and "chiffre.pdf" in result.stderr
        assert snapshot(without_22) == before
    else:
        assert result.returncode == 0, result.stderr
        assert load(without_22 / FICHE_22)["numero"] == 22


def test_import_of_a_damaged_pdf(without_22, tmp_path):
    damaged = tmp_path / "abime.pdf"
    damaged.write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >>\nendobj\ntrailer << /Root 1 0 R >>\n%%EOF")
    result = jalons_command("import", str(damaged), cwd=without_22)
    assert result.returncode == 1 and "abime.pdf" in result.stderr and "Traceback" not in result.stderr


def test_new_never_replaces_a_file(project):
    path = project / "content/jalons/25-un-titre.yml"
    path.write_text("# un brouillon\n", encoding="utf-8")
    result = jalons_command("new", "25", "Un titre", cwd=project)
    assert result.returncode == 1 and "a déjà sa fiche : content/jalons/25-un-titre.yml" in result.stderr
    assert path.read_text(encoding="utf-8") == "# un brouillon\n"


def test_new_refuses_a_jalon_outside_the_roadmap(project):
    result = jalons_command("new", "68", "Hors feuille", cwd=project)
    assert result.returncode == 1 and "la feuille de route compte les jalons 1 à 67" in result.stderr
    assert not list((project / "content/jalons").glob("68-*"))


def test_export_reads_a_theme_given_by_its_name_alone(project, tmp_path):
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    start = config.index("theme:")
    (project / "mkdocs.yml").write_text(config[:start] + "theme: material\n" + config[config.index("plugins:"):],
                                        encoding="utf-8")
    result = jalons_command("export", str(tmp_path / "export"), "--sans-pdf", cwd=project)
    assert result.returncode == 0, result.stderr
    assert "name: material" in (tmp_path / "export" / "mkdocs.yml").read_text(encoding="utf-8")


def test_export_never_writes_into_a_folder_that_holds_files(project, tmp_path):
    destination = tmp_path / "export"
    destination.mkdir()
    (destination / "notes.md").write_text("à garder\n", encoding="utf-8")
    result = jalons_command("export", str(destination), cwd=project)
    assert result.returncode == 1 and "--force" in result.stderr
    assert [path.name for path in destination.iterdir()] == ["notes.md"]
    assert jalons_command("export", str(destination), "--force", "--sans-pdf", cwd=project).returncode == 0


@pytest.mark.parametrize("config, expected", [
    ("site_name: [Fiches\nnav: x\n", "Erreur : mkdocs.yml:2:4 : configuration YAML illisible"),
    ("- une liste\n", "Erreur : mkdocs.yml : une table de clés (site_name: …) est attendue"),
    (None, "Erreur : mkdocs.yml : configuration illisible (introuvable)"),
    ("site_name: x\ntheme: 5\nplugins: search\n",
     "Erreur : mkdocs.yml : « theme » : un thème attendu (name: material) ; « plugins » : une liste attendue"),
    ("site_name: x\nplugins: [[1, 2]]\n",
     "Erreur : mkdocs.yml : « plugins » : « [1, 2] » n'est ni un nom ni un nom suivi de ses réglages"),
    # Nothing outside the project is copied into the export.
    ("site_name: x\ndocs_dir: ../../../etc\n",
     "Erreur : mkdocs.yml : « docs_dir » : un dossier du projet attendu ; trouvé : ../../../etc"),
    ("site_name: x\ntheme: {name: material, custom_dir: /etc}\n",
     "Erreur : mkdocs.yml : « theme.custom_dir » : un dossier du projet attendu ; trouvé : /etc"),
])
def test_export_says_why_the_site_configuration_cannot_be_read(project, tmp_path, config, expected):
    if config is None:
        (project / "mkdocs.yml").unlink()
    else:
        (project / "mkdocs.yml").write_text(config, encoding="utf-8")
    result = jalons_command("export", str(tmp_path / "export"), "--sans-pdf", cwd=project)
    assert result.returncode == 1
    assert result.stderr.strip() == expected and "Traceback" not in result.stderr
    assert not (tmp_path / "export").exists()


@pytest.mark.parametrize("command", ["import", "suggestion"])
@pytest.mark.parametrize("kind", ["fifo", "dev-zero"])
def test_inputs_that_are_not_regular_files_are_refused(project, tmp_path, command, kind):
    source = tmp_path / ("entree.pdf" if command == "import" else "message.eml")
    if kind == "fifo":
        import os
        os.mkfifo(source)
    else:
        source.symlink_to("/dev/zero")
    before = snapshot(project)
    args = ["import", str(source)] if command == "import" else ["suggestion", "apply", str(source)]
    result = jalons_command(*args, cwd=project)
    assert result.returncode == 1 and "pas un fichier ordinaire" in result.stderr and "Traceback" not in result.stderr
    assert snapshot(project) == before


# ----------------------------------------------------------------------------------------------
# suggestion apply: all or nothing, byte for byte


def test_a_write_failing_midway_puts_every_file_back(project, monkeypatch):
    """Simulated read-only folder (root writes anywhere): the second file's write fails, as it does in a
    folder without write permission, after the fiche was written."""
    before = snapshot(project)
    writes = []
    real_replace = transaction._replace

    def failing_replace(path, data, mode_from):
        writes.append(path)
        if len(writes) == 2:
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_replace(path, data, mode_from)

    monkeypatch.setattr(transaction, "_replace", failing_replace)
    suggestion, _ = parse_message(block(jalon=22, section="ressources", proposition="Auteur. 2024. Un titre neuf"))
    with pytest.raises(WriteError, match="accès refusé.*aucun fichier n'a été modifié"):
        apply(suggestion, project / "content")
    assert len(writes) >= 2 and writes[0].name.startswith("22-")
    assert snapshot(project) == before
    assert not (project / "content/ressources/un-titre-neuf.yml").exists()


def test_crlf_fiche_keeps_its_line_endings_refused_or_applied(project):
    path = project / FICHE_22
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    before = path.read_bytes()
    refused = apply_message(project, block(jalon=22, section="avancement", proposition="presque"))
    assert refused.returncode == 1 and path.read_bytes() == before
    applied = apply_message(project, block(jalon=22, section="freins", proposition="Un frein de plus."))
    assert applied.returncode == 0, applied.stderr
    after = path.read_bytes()
    assert b"Un frein de plus." in after and after.count(b"\n") == after.count(b"\r\n")


INVALID_FICHES = {
    "syntaxe": b"numero: 22\ntitre: [oups\n",
    "cle-en-double": b"numero: 22\nnumero: 22\n",
    "liste": b"- numero: 22\n",
    "vide": b"",
    "latin-1": "numero: 22\ntitre: Réseaux\n".encode("latin-1"),
    "imbrication": b"numero: 22\nx: " + b"[" * 3000 + b"]" * 3000 + b"\n",
    "alias": b"numero: 22\nx: &a [1]\ny: *a\n",
}


@pytest.mark.parametrize("name", INVALID_FICHES)
def test_suggestion_on_an_invalid_fiche_is_not_blamed_on_the_suggestion(project, name):
    (project / FICHE_22).write_bytes(INVALID_FICHES[name])
    before = snapshot(project)
    result = apply_message(project, block(jalon=22, section="freins", proposition="Un frein."))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "22-reseaux-de-collaboration.yml:" in result.stderr
    assert "le contenu est déjà invalide" in result.stderr and "rendrait" not in result.stderr
    assert snapshot(project) == before


def test_suggestion_while_another_file_is_invalid(project):
    (project / "content/ressources/ceriec.yml").write_text("titre: CERIEC\ntype: inconnu\n", encoding="utf-8")
    (project / "content/feuille-de-route.yml").write_text(
        (project / "content/feuille-de-route.yml").read_text(encoding="utf-8").replace("echelle:", "echelle: 3\nx:"),
        encoding="utf-8")
    before = snapshot(project)
    result = apply_message(project, block(jalon=22, section="avancement", proposition="En route"))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "ceriec.yml:" in result.stderr and "le contenu est déjà invalide" in result.stderr
    assert snapshot(project) == before


@pytest.mark.parametrize("fields, message", [
    ({"jalon": 22, "section": "freins", "proposition": "Un\u000bfrein"}, "U+000B"),
    ({"jalon": 22, "section": "freins", "proposition": "Un frein\u0085"}, "U+0085"),
    ({"jalon": 22, "section": "freins", "proposition": "\ufffe"}, "U+FFFE"),
    ({"jalon": 22, "section": "freins", "proposition": "   "}, "la proposition est vide"),
], ids=["tabulation-verticale", "nel", "non-caractere", "vide"])
def test_invisible_characters_in_a_proposition_are_refused(project, fields, message):
    before = snapshot(project)
    result = apply_message(project, block(**fields))
    assert result.returncode == 1 and message in result.stderr and "Traceback" not in result.stderr
    assert snapshot(project) == before


def test_deeply_nested_suggestion_block(project):
    before = snapshot(project)
    result = apply_message(project, DEBUT + "\njalon: " + "[" * 3000 + "]" * 3000 + "\n" + FIN + "\n")
    assert result.returncode == 1 and "imbrication trop profonde" in result.stderr
    assert "Traceback" not in result.stderr and snapshot(project) == before


def _email(body: str, charset: str | None, encoding_bytes: str = "utf-8", flowed: bool = False) -> bytes:
    header = "text/plain" + (f"; charset={charset}" if charset else "") + ("; format=flowed" if flowed else "")
    return (f"From: lectrice@example.org\r\nTo: info@rrecq.ca\r\nSubject: Fiche 22\r\nMIME-Version: 1.0\r\n"
            f"Content-Type: {header}\r\nContent-Transfer-Encoding: 8bit\r\n\r\n").encode() + \
        body.replace("\n", "\r\n").encode(encoding_bytes)


@pytest.mark.parametrize("charset, warning", [
    ("x-unknown", "annonce l'encodage « x-unknown »"),
    ("iso-8859-1", "annonce l'encodage « iso-8859-1 »"),
    (None, None),
], ids=["charset-inconnu", "utf8-annonce-latin1", "sans-charset"])
def test_email_whose_charset_is_wrong_or_missing_is_still_read(project, charset, warning):
    body = "Bonjour,\n\n" + block(jalon=22, section="freins", proposition="Un frein : l'été, à Montréal.")
    result = apply_message(project, _email(body, charset), "message.eml")
    assert result.returncode == 0, result.stderr
    assert "Un frein : l'été, à Montréal." in load(project / FICHE_22)["freins"]
    if warning:
        assert warning in result.stderr and "lu en utf-8" in result.stderr


def test_email_in_latin_1_declared_as_such(project):
    body = "Bonjour,\n\n" + block(jalon=22, section="freins", proposition="Un frein à l'été.")
    result = apply_message(project, _email(body, "iso-8859-1", "latin-1"), "message.eml")
    assert result.returncode == 0, result.stderr
    assert "Un frein à l'été." in load(project / FICHE_22)["freins"]


def test_two_different_blocks_say_which_one_is_applied(project):
    first = block(jalon=22, section="freins", proposition="Le premier.")
    quoted = "\n".join("> " + line for line in block(jalon=22, section="freins", proposition="Le second.").splitlines())
    text = "Réponse :\n" + first + "\nLe message d'origine :\n" + quoted + "\n"
    second_line = [number for number, line in enumerate(text.splitlines(), 1) if DEBUT in line][1]
    suggestion, warnings = parse_message(text)
    assert suggestion.proposition == "Le premier."
    assert warnings == [f"ce message contient 2 blocs de suggestion différents : celui de la ligne 2 est appliqué, "
                        f"pas celui de la ligne {second_line} ; vérifiez que c'est le bon"]
    same_twice = first + "\n" + "\n".join("> " + line for line in first.splitlines())
    assert parse_message(same_twice)[1] == []


def test_a_proposed_resource_that_exists_is_cited_not_recreated(project):
    before = snapshot(project)
    result = apply_message(project, block(jalon=22, section="ressources", proposition="CERIEC"))
    assert result.returncode == 0, result.stderr
    assert "« CERIEC » est déjà la ressource « ceriec »" in result.stderr
    assert load(project / FICHE_22)["ressources"][-1] == "ceriec"
    after = snapshot(project)
    assert set(after) == set(before) and after["ressources/ceriec.yml"] == before["ressources/ceriec.yml"]
    again = apply_message(project, block(jalon=22, section="ressources", proposition="CERIEC"))
    assert again.returncode == 1 and "cite déjà la ressource « ceriec »" in again.stderr
    assert snapshot(project) == after


def test_read_message_of_a_missing_file_is_a_french_error(tmp_path):
    with pytest.raises(SuggestionError, match="introuvable"):
        read_message(tmp_path / "absent.eml")


def test_content_invalid_before_is_a_distinct_error(project):
    (project / FICHE_22).write_text("numero: 22\n", encoding="utf-8")
    suggestion, _ = parse_message(block(jalon=22, section="freins", proposition="Un frein."))
    with pytest.raises(ContentInvalidBefore):
        apply(suggestion, project / "content")
    with pytest.raises(Exception):
        load_corpus(project / "content")


def test_the_in_process_command_runner_shows_a_crash(project, monkeypatch):
    """The tests' `jalons_command` must let a crash be seen, as a process would print it: a test for « no
    traceback » would otherwise pass on a command that crashes."""
    import jalons.cli

    def crash(content_dir, **options):
        raise RuntimeError("boum")

    monkeypatch.setattr(jalons.cli, "build_site", crash)
    result = jalons_command("check", cwd=project)
    assert result.returncode == 1
    assert "Traceback (most recent call last)" in result.stderr and "RuntimeError: boum" in result.stderr
