"""Smaller hostile inputs: a mailto: that would write for the reader, a number after « le jalon 22 et »,
bidirectional controls, a word longer than the printed line."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import ROOT

from jalons.content.linking import LienInvalide, parse_target
from jalons.content.textmarkup import link_targets
from jalons.content.yamlsource import YamlReadError, parse_yaml


@pytest.mark.parametrize("href", ["mailto:info@rrecq.ca?bcc=autre@exemple.org", "mailto:info@rrecq.ca?subject=x",
                                  "mailto:a@b.c&cc=d@e.f", "MAILTO:info@rrecq.ca?body=Bonjour"])
def test_a_mailto_link_names_an_address_only(href):
    with pytest.raises(LienInvalide) as caught:
        parse_target(href)
    assert "mailto:ADRESSE (l'adresse seule, sans « ? »)" in str(caught.value)
    assert parse_target("mailto:info@rrecq.ca").valeur == "mailto:info@rrecq.ca"


@pytest.mark.parametrize("text, targets", [
    ("le jalon 22 et 300 entreprises", ["jalon:22"]),
    ("Le jalon 7, 40 organismes", ["jalon:7"]),
    ("les jalons 12 et 14", ["jalon:12", "jalon:14"]),
    ("les jalons 3, 4 ou 5 et 6", ["jalon:3", "jalon:4", "jalon:5", "jalon:6"]),
    ("jalons 1 à 67", ["jalon:1"]),
])
def test_mentions_follow_the_grammar_the_readme_states(text, targets):
    assert link_targets(text) == targets


def test_a_sentence_with_a_number_after_a_mention_is_valid_content(tmp_path):
    from jalons.content.loading import load_corpus

    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    fiche = content / "jalons/22-reseaux-de-collaboration.yml"
    text = fiche.read_text(encoding="utf-8")
    fiche.write_text(text.replace("pourquoi:\n", "pourquoi:\n  - Voir le jalon 22 et 300 entreprises.\n", 1),
                     encoding="utf-8")
    load_corpus(content)  # no « lien vers le jalon 300 »


@pytest.mark.parametrize("control", ["\u202e", "\u202a", "\u202d", "\u2066", "\u2067", "\u2068", "\u2069"])
def test_bidirectional_controls_are_refused_at_their_place(control):
    with pytest.raises(YamlReadError) as caught:
        parse_yaml(Path("fiche.yml"), f"titre: Réseaux {control}inversés\n")
    [error] = caught.value.errors
    assert (error.line, error.column) == (1, 16)
    assert f"U+{ord(control):04X}" in error.message and "inverserait" in error.message


@pytest.mark.lent
def test_a_word_longer_than_the_line_stays_on_the_printed_page(tmp_path):
    """The print page laid out by WeasyPrint, as the PDF is made: no line box past the page's right margin."""
    import weasyprint

    from jalons.site.build import build_site

    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    fiche = content / "jalons/22-reseaux-de-collaboration.yml"
    text = fiche.read_text(encoding="utf-8")
    fiche.write_text(text.replace("pourquoi:\n", f"pourquoi:\n  - Un mot {'x' * 5000} sans fin.\n", 1), encoding="utf-8")
    site = build_site(content, pdf_cache_dir=tmp_path / "cache")
    from pypdf import PdfReader
    reader = PdfReader(site.files["jalons/22/fiche-jalon-22.pdf"])
    words = [part for page in reader.pages for part in page.extract_text().split()]
    assert max(len(word) for word in words) < 200  # the word was broken into lines, not cut or kept whole
    document = weasyprint.HTML(string=build_site_print_html(content)).render()
    for page in document.pages:
        right = page.width - page._page_box.margin_right
        for box in _line_boxes(page._page_box):
            assert box.position_x + box.width <= right + 0.5


def build_site_print_html(content: Path) -> str:
    from jalons.content.history import load_history
    from jalons.content.linking import build_graph
    from jalons.content.loading import load_corpus
    from jalons.site.rendering import PageRenderer

    corpus = load_corpus(content)
    return PageRenderer(corpus, build_graph(corpus), load_history(corpus, use_git=False), pdf=True).print_html(22)


def _line_boxes(box):
    from weasyprint.formatting_structure import boxes

    if isinstance(box, boxes.LineBox):
        yield box
    for child in getattr(box, "children", []):
        yield from _line_boxes(child)
