"""The licence of the fiches' text and data: the RRECQ's choice, shown wherever the content is reused
once it is set (footer, /donnees/, PDF, JSON-LD, feed); until then nothing is announced, no placeholder either,
and /donnees/ and the PDF say whom to ask about reuse."""

from __future__ import annotations

import json
import shutil

import pytest

import feedparser
import yaml
from bs4 import BeautifulSoup
from conftest import LICENCE, ROOT, add_licence, jalons_command
from pypdf import PdfReader

from jalons.site.build import build_site

WHOM_TO_ASK = "Pour réutiliser les textes des fiches ou les données, écrivez au RRECQ : info@rrecq.ca."


def fiche_jsonld(page) -> dict:
    """The JSON-LD of a generated page, as its front matter gives it to the theme's <head>."""
    return json.loads(yaml.safe_load(page.front_matter.strip().strip("-"))["jsonld"])


def pdf_text(path) -> str:
    return " ".join(" ".join(page.extract_text() for page in PdfReader(path).pages).split())


def test_without_a_licence_the_pages_say_whom_to_ask_and_nothing_invents_one(built_site):
    site = build_site(ROOT / "content")
    assert WHOM_TO_ASK in " ".join(BeautifulSoup(site.pages["donnees/index.md"].html, "html.parser").get_text().split())
    assert site.theme_extra["licence"] is None
    assert any("aucune licence" in warning for warning in site.warnings)
    assert "license" not in fiche_jsonld(site.pages["jalons/22/index.md"])
    assert "rights" not in feedparser.parse(site.data["feed.xml"]).feed
    # The real build: the footer of every page, and the PDF.
    footer = BeautifulSoup((built_site / "jalons/22/index.html").read_text(encoding="utf-8"), "html.parser").footer
    assert "licence" not in footer.get_text().lower() and not footer.select("a[rel=license]")
    assert WHOM_TO_ASK in pdf_text(built_site / "jalons/22/fiche-jalon-22.pdf")


def test_jalons_check_warns_when_no_licence_is_set(tmp_path):
    shutil.copytree(ROOT / "content", tmp_path / "content")
    result = jalons_command("check", cwd=tmp_path)
    assert result.returncode == 0
    assert "Attention : content/feuille-de-route.yml:3:1: aucune licence (clé licence : spdx, nom, url)" in result.stderr
    add_licence(tmp_path / "content")
    result = jalons_command("check", cwd=tmp_path)
    assert result.returncode == 0 and "licence" not in result.stderr


@pytest.mark.lent
def test_the_licence_set_by_the_rrecq_reaches_every_place(tmp_path, graph_site):
    shutil.copytree(ROOT / "content", tmp_path / "content")
    add_licence(tmp_path / "content")
    site = build_site(tmp_path / "content")
    donnees = BeautifulSoup(site.pages["donnees/index.md"].html, "html.parser")
    link = donnees.select_one("a[rel=license]")
    assert (link["href"], link.get_text()) == (LICENCE["url"], LICENCE["nom"])
    assert WHOM_TO_ASK not in site.pages["donnees/index.md"].html
    assert fiche_jsonld(site.pages["jalons/22/index.md"])["license"] == LICENCE["url"]
    rights = feedparser.parse(site.data["feed.xml"]).feed.rights
    assert LICENCE["spdx"] in rights and LICENCE["url"] in rights
    assert not any("aucune licence" in warning for warning in site.warnings)
    # The real build: the footer of a page, and the PDF.
    footer = BeautifulSoup((graph_site / "jalons/23/index.html").read_text(encoding="utf-8"), "html.parser").footer
    assert footer.select_one("a[rel=license]")["href"] == LICENCE["url"]
    text = pdf_text(graph_site / "jalons/22/fiche-jalon-22.pdf")
    assert LICENCE["nom"] in text and WHOM_TO_ASK not in text
