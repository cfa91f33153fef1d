"""Hostile or careless content files: each class of input that could hang, crash, or silently lose
or corrupt text is a FILE:LINE:COLUMN error in French, checked in-process (fast), plus a few runs of
the real commands for what only they show (exit codes, no traceback, no hang)."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import jalons_command, mkdocs_build

from jalons.content.errors import ContentErrors
from jalons.content.loading import load_corpus

FICHE = "content/jalons/22-reseaux-de-collaboration.yml"
RESSOURCE = "content/ressources/ceriec.yml"


def text_of(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def line_of(path: Path, fragment: str) -> int:
    return next(number for number, line in enumerate(text_of(path).splitlines(), 1) if fragment in line)


def replace_line(path: Path, start: str, new: str) -> int:
    """Replace the line starting with `start` by `new`; return its number."""
    lines = text_of(path).splitlines(keepends=True)
    number = next(index for index, line in enumerate(lines) if line.startswith(start))
    lines[number] = new + "\n"
    path.write_text("".join(lines), encoding="utf-8")
    return number + 1


def insert_after(path: Path, start: str, new: str) -> int:
    """Insert `new` after the line starting with `start`; return the new line's number."""
    lines = text_of(path).splitlines(keepends=True)
    number = next(index for index, line in enumerate(lines) if line.startswith(start))
    lines.insert(number + 1, new + "\n")
    path.write_text("".join(lines), encoding="utf-8")
    return number + 2


def append_raw(path: Path, data: bytes) -> int:
    before = path.read_bytes()
    path.write_bytes(before + data)
    return before.count(b"\n") + 1


@dataclass
class Case:
    name: str
    break_it: Callable[[Path], int]  # breaks the fiche, returns the line the error must name
    message: str
    column: int | None = None


def _alias_bomb(levels: int) -> Callable[[Path], int]:
    def break_it(path: Path) -> int:
        lines = ['a0: &a0 ["x", "x", "x", "x", "x", "x", "x", "x", "x"]']
        lines += [f"a{n}: &a{n} [{', '.join([f'*a{n - 1}'] * 9)}]" for n in range(1, levels + 1)]
        return append_raw(path, ("\n".join(lines) + "\n").encode()) + 1
    return break_it


def _nested(opening: str, closing: str, depth: int) -> Callable[[Path], int]:
    return lambda path: append_raw(path, f"x: {opening * depth}{closing * depth}\n".encode())


CASES = [
    # A « # » in prose: YAML would read the rest as a comment.
    Case("diese-dans-un-element", lambda p: insert_after(p, "pourquoi:", "  - Voir le rapport #3 sur les déchets"),
         "« 3 sur les déchets » serait lu comme un commentaire", 20),
    Case("diese-en-debut-de-ligne-suite",
         lambda p: insert_after(p, "pourquoi:", "  - Voir le rapport\n    #3 sur les déchets") + 1,
         "« 3 sur les déchets » serait lu comme un commentaire", 5),
    Case("diese-dans-le-titre", lambda p: replace_line(p, "titre:", "titre: Réseaux # de collaboration"),
         "seul « Réseaux » serait publié"),
    Case("diese-dans-un-resume", lambda p: append_raw(p, "historique:\n  - version: '2025-06'\n    resume: Ajout #2 des leviers\n".encode()) + 2,
         "« 2 des leviers » serait lu comme un commentaire"),
    # Characters with no place in text, raw or escaped.
    Case("tabulation-verticale-echappee", lambda p: replace_line(p, "titre:", 'titre: "Réseaux\\vde collaboration"'),
         "U+000B"),
    Case("nul-brut", lambda p: append_raw(p, b"freins:\x00\n"), "U+0000", 8),
    Case("controle-1f-echappe", lambda p: replace_line(p, "titre:", 'titre: "Réseaux\\x1f"'), "U+001F"),
    Case("non-caractere-fffe", lambda p: replace_line(p, "titre:", 'titre: "Réseaux\\uFFFE"'), "U+FFFE"),
    Case("c1-brut-dans-le-titre", lambda p: replace_line(p, "titre:", "titre: Réseaux\x85de collaboration"),
         "U+0085", 15),
    Case("separateur-de-ligne-brut", lambda p: replace_line(p, "titre:", "titre: Réseaux\u2028de collaboration"),
         "U+2028", 15),
    Case("separateur-de-paragraphe-echappe", lambda p: replace_line(p, "titre:", 'titre: "Réseaux\\u2029"'), "U+2029"),
    Case("suppression-brute", lambda p: replace_line(p, "titre:", "titre: Réseaux\x7f"), "U+007F", 15),
    Case("controle-dans-un-resume",
         lambda p: append_raw(p, b"historique:\n  - version: '2025-06'\n    resume: \"Ajout\\x0c\"\n") + 2, "U+000C"),
    # Numbers that do not mean what they show.
    Case("numero-octal", lambda p: replace_line(p, "numero:", "numero: 022"), "nombre « 022 » mal écrit", 9),
    Case("numero-hexadecimal", lambda p: replace_line(p, "numero:", "numero: 0x16"), "(par exemple 22)"),
    Case("numero-sexagesimal", lambda p: replace_line(p, "numero:", "numero: 1:22"), "YAML le lirait 82, en base 60"),
    # What would take minutes, gigabytes or the whole process.
    Case("alias-9-niveaux", _alias_bomb(9), "alias « *a0 » non permis"),
    Case("alias-simple", lambda p: append_raw(p, b"xa: &f ['Un frein.']\nxb: *f\n") + 1,
         "alias « *f » non permis", 5),
    Case("600-crochets", _nested("[", "]", 600), "imbrication trop profonde"),
    Case("100000-crochets", _nested("[", "]", 100_000), "imbrication trop profonde"),
    Case("5000-accolades", _nested("{a: ", "}", 5_000), "imbrication trop profonde"),
    Case("cle-de-fusion", lambda p: append_raw(p, b"<<: {freins: []}\n"), "clé de fusion « << »", 1),
]


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
def test_hostile_fiche_is_a_positioned_french_error(project, case):
    path = project / FICHE
    line = case.break_it(path)
    with pytest.raises(ContentErrors) as caught:
        load_corpus(project / "content")
    matching = [error for error in caught.value.errors if case.message in error.message]
    assert matching, caught.value.report()
    assert matching[0].path == path and matching[0].line == line, caught.value.report()
    if case.column is not None:
        assert matching[0].column == case.column, caught.value.report()


def test_quoted_hash_and_comments_on_their_own_line_are_fine(project):
    path = project / FICHE
    insert_after(path, "pourquoi:", '  - "Voir le rapport #3 sur les déchets"  # une note de relecture')
    insert_after(path, "pourquoi:", "  # Un commentaire sur sa propre ligne")
    insert_after(path, "pourquoi:", "  - Un texte simple\n  # Une note au niveau du tiret\n# Une note au bord")
    replace_line(path, "numero:", "numero: 22  # le numéro du jalon")
    replace_line(path, "version:", "version: '2025-07' # la version")
    corpus = load_corpus(project / "content")
    assert corpus.jalons[22].pourquoi[:2] == ["Un texte simple", "Voir le rapport #3 sur les déchets"]


@dataclass
class FileCase:
    name: str
    make: Callable[[Path], Path]  # makes the hostile entry in the content folder, returns its path
    message: str


def _fifo(content: Path) -> Path:
    path = content / "jalons" / "23-x.yml"
    os.mkfifo(path)
    return path


def _link(target: str, name: str = "23-x.yml") -> Callable[[Path], Path]:
    def make(content: Path) -> Path:
        path = content / "jalons" / name
        path.symlink_to(target)
        return path
    return make


def _outside_fiche(content: Path) -> Path:
    outside = content.parent / "ailleurs.yml"
    outside.write_text(text_of(content / "jalons" / "22-reseaux-de-collaboration.yml")
                       .replace("numero: 22", "numero: 23").replace("Réseaux", "SECRET-HORS-DU-DEPOT"), encoding="utf-8")
    return _link(str(outside))(content)


def _folder(name: str) -> Callable[[Path], Path]:
    def make(content: Path) -> Path:
        path = content / "jalons" / name
        path.mkdir()
        (path / "23-x.yml").write_text("numero: 23\n", encoding="utf-8")
        return path
    return make


def _linked_folder(content: Path) -> Path:
    """A whole folder linked out of the content folder: its ordinary files are not content either."""
    outside = content.parent / "ressources-ailleurs"
    shutil.copytree(content / "ressources", outside)
    (outside / "secret.yml").write_text("titre: SECRET-HORS-DU-DEPOT\ntype: autre\n", encoding="utf-8")
    shutil.rmtree(content / "ressources")
    (content / "ressources").symlink_to(outside, target_is_directory=True)
    return content / "ressources" / "secret.yml"


def _huge(content: Path) -> Path:
    path = content / "ressources" / "enorme.yml"
    path.write_text("titre: x\ntype: autre\ndescription: " + "a" * 1_200_000 + "\n", encoding="utf-8")
    return path


def _roadmap_link(content: Path) -> Path:
    path = content / "feuille-de-route.yml"
    path.unlink()
    path.symlink_to("/etc/passwd")
    return path


FILE_CASES = [
    FileCase("tube-fifo", _fifo, "pas un fichier ordinaire"),
    FileCase("lien-vers-dev-zero", _link("/dev/zero"), "hors du dossier de contenu"),
    FileCase("lien-hors-du-depot", _outside_fiche, "hors du dossier de contenu"),
    FileCase("feuille-de-route-liee-ailleurs", _roadmap_link, "hors du dossier de contenu"),
    FileCase("dossier-lie-ailleurs", _linked_folder, "hors du dossier de contenu"),
    FileCase("boucle-de-liens", _link("23-x.yml"), "boucle de liens symboliques"),
    FileCase("dossier-nomme-comme-une-fiche", _folder("23-x.yml"), "dossier inattendu"),
    FileCase("sous-dossier-archive", _folder("archive"), "dossier inattendu"),
    FileCase("fichier-trop-volumineux", _huge, "trop volumineux"),
]


@pytest.mark.parametrize("case", FILE_CASES, ids=lambda case: case.name)
def test_what_is_not_a_content_file_is_refused_without_being_read(project, case):
    path = case.make(project / "content")
    with pytest.raises(ContentErrors) as caught:
        load_corpus(project / "content")
    report = caught.value.report()
    assert any(error.path == path and case.message in error.message for error in caught.value.errors), report
    assert "SECRET-HORS-DU-DEPOT" not in report and "root:" not in report  # never echo a file that is not content


def test_a_link_inside_the_content_folder_is_read(project):
    content = project / "content"
    (content / "ressources" / "alias-ceriec.yml").symlink_to("ceriec.yml")
    assert "alias-ceriec" in load_corpus(content).ressources


def test_unreadable_folder_is_an_error(project, monkeypatch):
    """Simulated: the tests run as root, whom permissions do not stop; the loader sees the same
    PermissionError that a non-root user's `jalons check` gets."""
    content = project / "content"
    jalons_dir = content / "jalons"
    original = Path.iterdir

    def iterdir(self):
        if self == jalons_dir:
            raise PermissionError(13, "Permission denied", str(self))
        return original(self)

    monkeypatch.setattr(Path, "iterdir", iterdir)
    with pytest.raises(ContentErrors) as caught:
        load_corpus(content)
    assert [(error.path, error.line, error.message) for error in caught.value.errors] == [
        (jalons_dir, 1, "dossier illisible (accès refusé)")]


@pytest.mark.parametrize("make", [_fifo, _link("/dev/zero")], ids=["tube-fifo", "lien-vers-dev-zero"])
def test_jalons_check_does_not_hang_on_special_files(project, make):
    make(project / "content")
    try:
        result = jalons_command("check", cwd=project)
    except subprocess.TimeoutExpired:  # pragma: no cover - the defect this test exists for
        pytest.fail("jalons check hangs")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "content/jalons/23-x.yml:1:1:" in result.stderr


@pytest.mark.lent
def test_deep_nesting_fails_check_and_build_without_a_traceback(project):
    _nested("[", "]", 3000)(project / FICHE)
    for result in (jalons_command("check", cwd=project), mkdocs_build(project, env={"JALONS_PDF": "false"})):
        assert result.returncode == 1
        assert "imbrication trop profonde" in result.stderr and "Traceback" not in result.stderr + result.stdout


@pytest.mark.lent
def test_a_deleted_fiche_that_a_page_links_to_gets_its_placeholder(project):
    """`jalons check` and the build agree: « Contribuer » links to jalon 22, which keeps a page."""
    (project / FICHE).unlink()
    assert jalons_command("check", cwd=project).returncode == 0
    result = mkdocs_build(project, env={"JALONS_PDF": "false"})
    assert result.returncode == 0, result.stderr
    assert "fiche à venir" in text_of(project / "site" / "jalons" / "22" / "index.html")


def test_a_page_linking_to_a_jalon_outside_the_roadmap_is_an_error(project):
    page = project / "content" / "pages" / "contribuer.md"
    page.write_text(text_of(page).replace("(jalons/22/index.md)", "(jalons/99/index.md)"), encoding="utf-8")
    with pytest.raises(ContentErrors) as caught:
        load_corpus(project / "content")
    line = line_of(page, "jalons/99/")
    assert [(error.path, error.line) for error in caught.value.errors] == [(page, line)]
    assert "jalon 99, qui n'existe pas" in caught.value.report()
