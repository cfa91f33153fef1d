"""Two editors at once: the editing commands take the content folder's lock, so that no update is lost, and
a suggestion already applied is said, not added again."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from conftest import jalons_command, jalons_process
from ruamel.yaml import YAML
from test_contribution import apply_text, block

from jalons.content.lock import ContentBusy, content_lock

FICHE = "content/jalons/22-reseaux-de-collaboration.yml"
BUSY = "une autre commande modifie déjà"


def leviers(project) -> list[str]:
    return YAML(typ="safe").load((project / FICHE).read_text(encoding="utf-8"))["leviers"]


@pytest.mark.lent
def test_eight_suggestions_applied_at_once_lose_nothing(project):
    messages = []
    for index in range(8):
        message = project.parent / f"message-{index}.txt"
        message.write_text(block(jalon=22, section="leviers", proposition=f"Un levier proposé numéro {index}."),
                           encoding="utf-8")
        messages.append(message)
    env = {**os.environ, "PYTHONWARNINGS": "ignore"}
    running = [subprocess.Popen([sys.executable, "-m", "jalons", "suggestion", "apply", str(message)], cwd=project,
                                env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
               for message in messages]
    results = [(process.wait(timeout=120), *process.communicate()) for process in running]
    found = leviers(project)
    applied = 0
    for index, (returncode, stdout, stderr) in enumerate(results):
        text = f"Un levier proposé numéro {index}."
        if returncode == 0:  # said applied: it is in the file, once
            assert "Suggestion appliquée" in stdout and found.count(text) == 1, (stdout, stderr)
            applied += 1
        else:  # said why it stopped: the file does not have it
            assert BUSY in stderr and text not in found, stderr
        assert "Traceback" not in stderr
    assert applied >= 2
    assert jalons_process("check", cwd=project).returncode == 0


def test_the_same_suggestion_twice_is_said_not_added_again(project):
    text = block(jalon=22, section="freins", proposition="Un frein nouveau.")
    assert apply_text(project, text).returncode == 0
    before = (project / FICHE).read_bytes()
    again = apply_text(project, text)
    assert again.returncode == 1
    assert "cette suggestion est déjà appliquée : « Un frein nouveau. » figure déjà dans" in again.stderr
    assert (project / FICHE).read_bytes() == before


@pytest.mark.parametrize("section, proposition", [("mobiliser", "milieu-affaires-travail"),
                                                  ("leviers", None)])
def test_a_suggestion_the_fiche_already_says_changes_nothing(project, section, proposition):
    proposition = proposition or leviers(project)[0]
    before = (project / FICHE).read_bytes()
    result = apply_text(project, block(jalon=22, section=section, proposition=proposition))
    assert result.returncode == 1 and "déjà appliquée" in result.stderr, result.stderr
    assert (project / FICHE).read_bytes() == before


def test_a_second_editor_waits_then_says_why_it_stops(project):
    with content_lock(project / "content"):
        with pytest.raises(ContentBusy) as caught:
            with content_lock(project / "content", wait=0.2):
                pass
        assert str(caught.value).startswith(f"{BUSY} ")
        result_text = block(jalon=22, section="freins", proposition="Pendant qu'un autre écrit.")
        message = project.parent / "message.txt"
        message.write_text(result_text, encoding="utf-8")
    # Released: the next command goes through.
    assert jalons_command("suggestion", "apply", str(message), cwd=project).returncode == 0
