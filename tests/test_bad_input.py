"""Broken content: a clear French error at FILE:LINE:COL, a failed check and build, never a traceback.

Each case is a folder of `tests/fixtures/erreurs/`: the broken file(s) at their place under `content/`
(laid over a copy of the repository's content; `supprimes.txt` lists files taken away), and beside them
`rapport.txt`, the whole report expected, checked in-process. Regenerate with `pytest --update-golden`
after an intended change of wording, and review the diff. Two real runs check the wiring: `jalons check`
and `mkdocs build --strict` print that same report and fail.
"""

from __future__ import annotations

import contextlib
import shutil
from pathlib import Path

import pytest
from conftest import FIXTURES, ROOT, jalons_command, jalons_process, mkdocs_build

from jalons.content.errors import ContentErrors
from jalons.content.loading import load_corpus
from jalons.site.build import build_site

ERRORS = FIXTURES / "erreurs"
CASES = sorted(folder.name for folder in ERRORS.iterdir() if folder.is_dir())
FICHE = "content/jalons/22-reseaux-de-collaboration.yml"


def lay_case(project: Path, case: str) -> None:
    """The case's broken files over the project's content."""
    folder = ERRORS / case
    removed = folder / "supprimes.txt"
    for name in removed.read_text(encoding="utf-8").split() if removed.exists() else []:
        (project / name).unlink()
    for path in (folder / "content").rglob("*"):
        if path.is_file():
            (project / path.relative_to(folder)).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, project / path.relative_to(folder))


def content_copy(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "content", tmp_path / "content")
    return tmp_path


def report_of(project: Path) -> str:
    """The report of `jalons check` and of the build, made in-process, paths as a person in the project sees them."""
    with contextlib.chdir(project):
        try:
            load_corpus(Path("content"))
        except ContentErrors as exc:
            return exc.report() + "\n"
    raise AssertionError("le contenu cassé a été accepté")


@pytest.mark.parametrize("case", CASES)
def test_the_report_names_file_line_column_and_what_was_expected(request, tmp_path, case):
    project = content_copy(tmp_path)
    lay_case(project, case)
    report = report_of(project)
    expected = ERRORS / case / "rapport.txt"
    if request.config.getoption("--update-golden"):
        expected.write_text(report, encoding="utf-8")
    assert report == expected.read_text(encoding="utf-8")
    assert report.startswith("content/") and "Traceback" not in report


@pytest.mark.lent
def test_jalons_check_prints_the_report_and_fails(project):
    """A real process, as a person runs it: the other command tests run `jalons` in-process."""
    lay_case(project, "partie-prenante-inconnue")
    result = jalons_process("check", cwd=project)
    assert result.returncode == 1
    assert (ERRORS / "partie-prenante-inconnue" / "rapport.txt").read_text(encoding="utf-8") in result.stderr
    assert "Traceback" not in result.stderr + result.stdout


@pytest.mark.lent
def test_strict_build_fails_with_the_same_report(project):
    lay_case(project, "cle-en-double")
    result = mkdocs_build(project)
    assert result.returncode == 1
    report = (ERRORS / "cle-en-double" / "rapport.txt").read_text(encoding="utf-8").strip()
    assert all(line in result.stderr for line in report.splitlines()), result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert not (project / "site" / "jalons" / "22" / "index.html").exists()


def test_all_errors_of_a_run_at_once(tmp_path):
    project = content_copy(tmp_path)
    lay_case(project, "cle-inconnue")
    lay_case(project, "ressource-annee")
    report = report_of(project)
    for case in ("cle-inconnue", "ressource-annee"):
        assert (ERRORS / case / "rapport.txt").read_text(encoding="utf-8").splitlines()[0] in report
    assert report.endswith("2 erreurs dans le contenu.\n")


@pytest.mark.parametrize("variant", ["bom", "crlf"])
def test_bom_and_crlf_are_fine(tmp_path, variant):
    project = content_copy(tmp_path)
    path = project / FICHE
    raw = path.read_bytes()
    path.write_bytes(b"\xef\xbb\xbf" + raw if variant == "bom" else raw.replace(b"\n", b"\r\n"))
    site = build_site(project / "content")
    assert "chaînes de valeur circulaires" in site.pages["jalons/22/index.md"].html
    assert site.corpus.jalons[22].pourquoi == build_site(ROOT / "content").corpus.jalons[22].pourquoi


def test_valid_content_passes_with_a_summary(project):
    result = jalons_command("check", cwd=project)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "Contenu valide (content) : 1 fiche sur 67 jalons, 8 ressources."


def test_missing_content_folder(tmp_path):
    result = jalons_command("check", "ailleurs", cwd=tmp_path)
    assert result.returncode == 1
    assert "introuvable" in result.stderr and "Traceback" not in result.stderr
