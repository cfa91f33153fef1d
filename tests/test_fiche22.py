"""Fiche 22 as published: every passage of the sheet reaches /jalons/22/ of the real build."""

from __future__ import annotations

import re

import pytest
from conftest import FIXTURES, article_text, as_read

SEED = (FIXTURES / "seed-jalon-22.txt").read_text(encoding="utf-8")

# The seed drew the progress scale as a picture (its labels run together on one line) and spells the
# version line without the French space; these two lines are checked in their own tests below.
SCALE_PICTURE_LINE = "Mauvaise On est au On se On est en On est bien Jalon direction point mort prépare route avancés atteint"
SCALE_LABELS = ["Mauvaise direction", "On est au point mort", "On se prépare", "On est en route",
                "On est bien avancés", "Jalon atteint"]


def seed_passages() -> list[str]:
    """Each line of the seed as a reader would read it: bullets and underline marks removed."""
    passages = []
    for line in SEED.splitlines():
        line = re.sub(r"</?u>", "", line).strip()
        line = re.sub(r"^- ", "", line)
        if line and line != SCALE_PICTURE_LINE and not line.startswith("Version:"):
            passages.append(" ".join(line.split()))
    return passages


@pytest.fixture(scope="module")
def page(built_site) -> str:
    return article_text(built_site / "jalons" / "22" / "index.html")


def test_seed_has_every_section():
    # Guards the extraction below: a truncated fixture would make the passage test vacuous.
    assert len(seed_passages()) > 40
    assert "Qu'est-ce qu'il reste à éclaircir?" in seed_passages()


@pytest.mark.parametrize("passage", seed_passages())
def test_every_passage_of_the_seed_is_on_the_page(page, passage):
    assert as_read(passage) in page


def test_title_is_whole(page):
    assert as_read("Réseaux de collaboration pour des chaînes de valeur circulaires") in page


@pytest.mark.parametrize("label", SCALE_LABELS)
def test_scale_labels(page, label):
    assert label in page


def test_no_progress_level_invented(page):
    assert as_read("Niveau actuel : non évalué") in page
    assert as_read("(niveau actuel)") not in page


def test_version_and_contact(page):
    assert as_read("Version : juillet 2025") in page
    assert as_read("info@rrecq.ca") in page


def test_resources_are_author_year_title(page):
    assert as_read("Fonds Écoleader. 2024. Programme de financement destiné aux entreprises") in page
    assert as_read("HEC Montréal. 2025. Pôle e3c") in page
    assert as_read("La Ruche. Un projet à financer? On peut vous aider!") in page
    assert as_read("Réseau Entreprises et Développement durable. 2012. Répertoire des ressources pour PME") in page
    # No URL is given by the sheet for these: none is invented, and no placeholder says so to readers.
    assert "compléter" not in page


def test_sections_in_the_order_of_the_sheet(page):
    # Where it stands first (a level comes from the assessments, not from the sheet), then the sheet's order.
    headings = ["Où en est ce jalon", "Pourquoi ce jalon?", "Qui doit être mobilisé",
                "Comment pourrait-on s'y rendre?", "Qu'est-ce qui peut faciliter ce changement?",
                "Qu'est-ce qui peut freiner sa mise en œuvre?", "Qu'est-ce qu'il reste à éclaircir?",
                "Ressources", "À propos"]
    positions = [page.index(as_read(heading)) for heading in headings]
    assert positions == sorted(positions)


def test_table_of_contents_leads_to_every_section(built_site):
    """Material's « Sur cette page » lists the fiche's headings, each linking to the heading's anchor."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup((built_site / "jalons" / "22" / "index.html").read_text(encoding="utf-8"), "html.parser")
    toc = [(as_read(link.get_text()), link["href"])
           for link in soup.select("nav.md-nav--secondary a.md-nav__link")]
    headings = [(as_read(h.get_text()), "#" + h["id"]) for h in soup.select("article h2")]
    assert (as_read("Comment pourrait-on s'y rendre?"), "#comment-pourrait-on-sy-rendre") in toc
    assert len(headings) >= 10
    assert toc == headings
