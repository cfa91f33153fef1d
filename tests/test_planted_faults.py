"""Behaviours that five faults planted in the code slipped past (issue 23): a boundary, a direction, kept
bytes, a type, a self-link. Each test here fails on its fault."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import ROOT
from test_contribution import apply_text, block

from jalons.content.history import Changement, _text_changes
from jalons.content.linking import build_graph
from jalons.content.loading import load_corpus
from jalons.content.suggestion import SuggestionError, parse

FICHE = "jalons/22-reseaux-de-collaboration.yml"


def content_with(tmp_path: Path, line: str) -> Path:
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    fiche = content / FICHE
    fiche.write_text(fiche.read_text(encoding="utf-8").replace("pourquoi:\n", f"pourquoi:\n  - {line}\n", 1),
                     encoding="utf-8")
    return content


@pytest.mark.parametrize("line", ["Voir le [dernier jalon](jalon:67).", "Voir le jalon 67.", "Voir le [premier](jalon:1)."])
def test_links_to_the_first_and_last_jalon_are_accepted(tmp_path, line):
    corpus = load_corpus(content_with(tmp_path, line))
    assert build_graph(corpus).mentionnes & {1, 67}


def test_a_reworded_item_keeps_its_direction():
    [change] = _text_changes("Leviers", ["Soutenir les réseaux de collaboration existants"],
                             ["Soutenir les réseaux de collaboration régionaux"])
    assert change == Changement("Leviers", "reformulé", "Soutenir les réseaux de collaboration régionaux",
                                "Soutenir les réseaux de collaboration existants")


def test_a_rewritten_file_keeps_its_byte_order_mark_and_line_ends(project):
    fiche = project / "content" / FICHE
    fiche.write_bytes(b"\xef\xbb\xbf" + fiche.read_bytes().replace(b"\n", b"\r\n"))
    result = apply_text(project, block(jalon=22, section="freins", proposition="Un frein de plus."))
    assert result.returncode == 0, result.stderr
    data = fiche.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") and b"\r\n" in data and b"\n" not in data.replace(b"\r\n", b"")
    assert "Un frein de plus." in data.decode("utf-8-sig")


@pytest.mark.parametrize("value", ["true", "false", "22.0", "'22'", "[22]"])
def test_a_suggestions_jalon_is_a_whole_number_only(value):
    text = block(jalon=22, section="leviers", proposition="Un levier.").replace('jalon: 22', f"jalon: {value}")
    with pytest.raises(SuggestionError) as caught:
        parse(text)
    assert "« jalon »" in str(caught.value)


def test_a_fiche_is_never_among_its_own_linked_jalons(tmp_path):
    graphe = build_graph(load_corpus(content_with(tmp_path, "Ce jalon 22 et le [jalon 22](jalon:22), puis le jalon 5.")))
    linked = [numero for numero, _how in graphe.jalons_lies(22)]
    assert 5 in linked and 22 not in linked
