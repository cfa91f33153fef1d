"""An editing command killed half-way: the next command (or `jalons check`, or a build) finds the journal it
left and puts every file back, so that the content is its old state, never half of each."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from conftest import FIXTURES, jalons_command

from jalons.site.build import build_site

pytestmark = pytest.mark.lent  # a process killed at each write

KILLED_AT = """
import os, signal, sys
from jalons.editing import transaction
real, written, limit = transaction._replace, [0], int(sys.argv[1])
def replace(*args, **kwargs):
    if written[0] == limit:
        os.kill(os.getpid(), signal.SIGKILL)  # as a closed terminal or a lost machine would stop it
    written[0] += 1
    return real(*args, **kwargs)
transaction._replace = replace
from jalons.cli import main
main(sys.argv[2:], prog_name="jalons")
"""


def snapshot(content: Path) -> dict[str, bytes]:
    return {path.relative_to(content).as_posix(): path.read_bytes()
            for path in sorted(content.rglob("*")) if path.is_file()}


@pytest.fixture
def without_22(project) -> Path:
    """The project before fiche 22 was imported: its four resources are new ones."""
    for path in (project / "content/jalons").glob("22-*.yml"):
        path.unlink()
    for path in (project / "content/ressources").glob("*.yml"):
        if path.stem != "vision-2050":  # named by the roadmap file
            path.unlink()
    return project


def killed(project: Path, at: int, *command: str) -> int:
    return subprocess.run([sys.executable, "-c", KILLED_AT, str(at), *command], cwd=project,
                          capture_output=True, timeout=120).returncode


@pytest.mark.parametrize("at", range(5))  # the import writes the fiche and its four resources
def test_an_import_killed_at_any_write_is_undone_by_the_next_command(without_22, at):
    content = without_22 / "content"
    before = snapshot(content)
    assert killed(without_22, at, "import", str(FIXTURES / "seed-jalon-22.txt")) == -9
    assert (content / ".jalons-journal").exists()  # what it left behind
    check = jalons_command("check", cwd=without_22)
    assert check.returncode == 0, check.stderr
    assert "une modification interrompue du contenu (commande arrêtée avant sa fin) a été annulée" in check.stderr
    assert snapshot(content) == before  # the old state, byte for byte, and no journal left
    again = jalons_command("import", str(FIXTURES / "seed-jalon-22.txt"), cwd=without_22)
    assert again.returncode == 0, again.stderr


def test_a_build_undoes_an_interrupted_edit_too(without_22):
    content = without_22 / "content"
    before = snapshot(content)
    assert killed(without_22, 2, "import", str(FIXTURES / "seed-jalon-22.txt")) == -9
    site = build_site(content)
    assert any("modification interrompue" in warning for warning in site.warnings)
    assert snapshot(content) == before


def test_an_edit_killed_before_any_file_changed_leaves_nothing_to_undo(without_22):
    content = without_22 / "content"
    before = snapshot(content)
    (content / ".jalons-journal").mkdir()  # killed while writing its journal: no manifest yet
    check = jalons_command("check", cwd=without_22)
    assert check.returncode == 0 and "interrompue" not in check.stderr
    assert snapshot(content) == before
