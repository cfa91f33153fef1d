"""Broken content: a clear French error at FILE:LINE:COL, a failed check and build, never a traceback."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import jalons_command, mkdocs_build

FICHE = "content/jalons/22-reseaux-de-collaboration.yml"
RESSOURCE = "content/ressources/ceriec.yml"
FEUILLE = "content/feuille-de-route.yml"


def line_of(path: Path, text: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(number for number, line in enumerate(lines, 1) if text in line)


def replace(path: Path, old: str, new: str) -> int:
    """Replace the first `old` in the file; return the line where it stood."""
    content = path.read_text(encoding="utf-8")
    assert old in content, old
    line = line_of(path, old.splitlines()[0])
    path.write_text(content.replace(old, new, 1), encoding="utf-8")
    return line


def append(path: Path, text: str) -> int:
    before = len(path.read_text(encoding="utf-8").splitlines())
    with path.open("a", encoding="utf-8") as stream:
        stream.write(text)
    return before + 1


def item_line(path: Path, text: str) -> int:
    """The line of the `- ` that starts the list item containing `text`."""
    lines = path.read_text(encoding="utf-8").splitlines()
    number = line_of(path, text)
    while not lines[number - 1].lstrip().startswith("- "):
        number -= 1
    return number


@dataclass
class Case:
    name: str
    file: str
    break_it: Callable[[Path], int]  # breaks the file, returns the line the error must name
    message: str  # a fragment of the French message


def _non_utf8(path: Path) -> int:
    line = line_of(path, "titre:")
    path.write_bytes(path.read_bytes().replace("Réseaux".encode(), "Réseaux".encode("latin-1"), 1))
    return line


def _rename(path: Path) -> int:
    path.rename(path.with_name("22_reseaux.yml"))
    return 1


def _overwrite(text: str) -> Callable[[Path], int]:
    def break_it(path: Path) -> int:
        path.write_text(text, encoding="utf-8")
        return 1
    return break_it


def _remove_version(path: Path) -> int:
    replace(path, "version: '2025-07'\n", "")
    return line_of(path, "numero:")  # a missing key is reported where its mapping begins


def _link(old: str, new: str) -> Callable[[Path], int]:
    def break_it(path: Path) -> int:
        line = item_line(path, old)
        replace(path, old, new)
        return line
    return break_it


CASES = [
    Case("cle-en-double", FICHE, lambda p: append(p, "titre: Un autre titre\n"), "clé « titre » en double"),
    Case("cle-inconnue", FICHE, lambda p: append(p, "auteur: Quelqu'un\n"), "clé inconnue « auteur »"),
    Case("syntaxe", FICHE, lambda p: replace(p, "titre: Réseaux", "titre: Réseaux: de"), "« : » inattendu"),
    Case("mauvais-type", FICHE, lambda p: replace(p, "numero: 22", "numero: vingt-deux"), "un nombre entier"),
    Case("dictionnaire-dans-liste", FICHE,
         lambda p: replace(p, "pourquoi:\n", "pourquoi:\n  - texte: oups\n") + 1, "un texte ; trouvé : un dictionnaire"),
    Case("pas-utf8", FICHE, _non_utf8, "UTF-8"),
    Case("vide", FICHE, _overwrite(""), "fichier vide"),
    Case("commentaires-seuls", FICHE, _overwrite("# rien\n\n"), "fichier vide"),
    Case("numero-et-nom-de-fichier", FICHE, lambda p: replace(p, "numero: 22", "numero: 23"), "22 attendu"),
    Case("cle-obligatoire", FICHE, _remove_version, "« version » manquante"),
    Case("version-mal-formee", FICHE, lambda p: replace(p, "version: '2025-07'", "version: '2025-7'"), "AAAA-MM"),
    Case("version-date", FICHE, lambda p: replace(p, "version: '2025-07'", "version: 2025-07-01"), "une date"),
    Case("avancement-inconnu", FICHE, lambda p: append(p, "avancement: presque\n"), "« presque » inconnu"),
    Case("partie-prenante-inconnue", FICHE,
         lambda p: replace(p, "  - developpement-territorial", "  - gouvernement"), "« gouvernement » inconnue"),
    Case("ressource-inconnue", FICHE, lambda p: replace(p, "  - la-ruche\n", "  - la-ruchee\n"), "« la-ruchee » inconnue"),
    Case("ressource-en-double", FICHE, lambda p: replace(p, "  - la-ruche\n", "  - la-ruche\n  - la-ruche\n") + 1,
         "en double"),
    Case("lien-javascript", FICHE, _link("(ressource:ceriec)", "(javascript:alert(1))"), "« javascript:alert(1) » non permis"),
    Case("lien-jalon-hors-feuille", FICHE, _link("(ressource:ceriec)", "(jalon:99)"), "jalon 99, qui n'existe pas"),
    Case("mention-jalon-hors-feuille", FICHE, _link("le jalon 25)", "le jalon 68)"), "jalon 68, qui n'existe pas"),
    Case("lien-ressource-inconnue", FICHE, _link("(ressource:rrecq)", "(ressource:inconnue)"), "« inconnue », inconnue"),
    Case("nom-de-fichier", FICHE, _rename, "NN-titre-court.yml"),
    Case("ressource-type", RESSOURCE, lambda p: replace(p, "type: organisation", "type: association"), "l'une des valeurs"),
    Case("ressource-annee", RESSOURCE, lambda p: append(p, "annee: deux mille\n"), "un nombre entier"),
    Case("ressource-url", RESSOURCE, lambda p: append(p, "url: www.ceriec.ca\n"), "https://"),
    Case("ressource-url-balise", RESSOURCE, lambda p: append(p, "url: 'https://x.org/\"><script>'\n"), "https://"),
    Case("feuille-contact", FEUILLE, lambda p: replace(p, "contact: info@rrecq.ca", "contact: info"), "adresse courriel"),
    Case("feuille-echelle", FEUILLE, lambda p: replace(p, "  - id: atteint", "  - id: bien-avances"), "en double"),
]


def break_project(project: Path, case: Case) -> str:
    path = project / case.file
    line = case.break_it(path)
    name = "content/jalons/22_reseaux.yml" if case.name == "nom-de-fichier" else case.file
    return f"{name}:{line}:"


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
def test_jalons_check_names_file_and_line(project, case):
    expected = break_project(project, case)
    result = jalons_command("check", cwd=project)
    assert result.returncode == 1
    assert expected in result.stderr, result.stderr
    assert case.message in result.stderr, result.stderr
    assert "Traceback" not in result.stderr + result.stdout


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
def test_strict_build_fails_with_the_same_error(project, case):
    expected = break_project(project, case)
    result = mkdocs_build(project)
    assert result.returncode == 1
    assert expected in result.stderr, result.stderr
    assert case.message in result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert not (project / "site" / "jalons" / "22" / "index.html").exists()


def test_all_errors_of_a_run_at_once(project):
    first = break_project(project, CASES[1])  # unknown key in the fiche
    second = break_project(project, CASES[-4])  # wrong type in a resource
    result = jalons_command("check", cwd=project)
    assert result.returncode == 1
    assert first in result.stderr and second in result.stderr
    assert "2 erreurs" in result.stderr


def test_column_is_named(project):
    line = replace(project / FICHE, "  - developpement-territorial", "  - gouvernement")
    result = jalons_command("check", cwd=project)
    assert f"{FICHE}:{line}:5: partie prenante « gouvernement » inconnue" in result.stderr


@pytest.mark.parametrize("variant", ["bom", "crlf"])
def test_bom_and_crlf_are_fine(project, variant):
    path = project / FICHE
    raw = path.read_bytes()
    path.write_bytes(b"\xef\xbb\xbf" + raw if variant == "bom" else raw.replace(b"\n", b"\r\n"))
    assert jalons_command("check", cwd=project).returncode == 0
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    assert "chaînes de valeur circulaires" in (project / "site/jalons/22/index.html").read_text(encoding="utf-8")


def test_valid_content_passes_with_a_summary(project):
    result = jalons_command("check", cwd=project)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "Contenu valide (content) : 1 fiche sur 67 jalons, 8 ressources."


def test_missing_content_folder(tmp_path):
    result = jalons_command("check", "ailleurs", cwd=tmp_path)
    assert result.returncode == 1
    assert "introuvable" in result.stderr and "Traceback" not in result.stderr
