"""Where Québec stands, as readers get it from a real build with two fixture campaigns (tests/fixtures/evaluations:
jalon 22 assessed in January then June 2026, rising; fiche 23 once; jalon 41, without a fiche, once): the status
and timeline of each jalon's page, the home page's sentence and map, /avancement/, the feed, the data and the
search; in Chromium at phone and desktop widths, with both accessibility engines."""

from __future__ import annotations

import csv
import io
import json

import feedparser
import pytest
from conftest import tab_at
from playwright.sync_api import expect
from site_tour import WIDTHS
from tour import axe_violations, htmlcs_errors

from jalons.site.typography import french as fr  # texts as the site prints them (’, spaces before « : »)

pytestmark = pytest.mark.lent  # a real build, and a browser on it

PAGES = {"accueil": "", "fiche-evaluee": "jalons/22/", "a-venir-evalue": "jalons/41/",
         "a-venir-sans-evaluation": "jalons/5/", "avancement": "avancement/"}


def test_each_jalon_page_says_where_it_stands_before_the_long_sections(browser, graph_site_url):
    with tab_at(browser, graph_site_url, "jalons/22/", 390) as tab:
        statut = tab.locator(".jalon-statut")
        expect(statut.locator(".jalon-statut__niveau")).to_have_text("On est en route (niveau 4 sur 6)")
        expect(statut.locator(".jalon-statut__date")).to_have_text(
            fr("Évaluation de juin 2026 · en hausse depuis janvier 2026"))
        expect(statut).to_contain_text("symbiotes industriels réunis en réseau")
        expect(statut.locator(".jalon-statut__preuves li")).to_have_text(
            ["Fonds Écoleader", fr("Rapport d'essai sans adresse")])
        # Near the top: before « Pourquoi ce jalon? », the first of the fiche's long sections.
        status_top = statut.bounding_box()["y"]
        assert status_top < tab.locator("#pourquoi-ce-jalon").bounding_box()["y"]
        assert status_top < 1000, status_top
        # The timeline: a point per assessment, drawn within the phone's width; its data as a table.
        chart = statut.locator("svg.jalons-chronologie")
        expect(chart.locator("circle")).to_have_count(2)
        assert chart.bounding_box()["width"] <= 390
        table = tab.get_by_role("table", name="Évaluations du jalon 22, de la plus ancienne à la plus récente")
        expect(table.locator("tbody tr")).to_have_text(["janvier 2026 On se prépare (niveau 3 sur 6)",
                                                        "juin 2026 On est en route (niveau 4 sur 6)"])

        tab.goto("jalons/41/")  # no fiche yet, assessed once
        expect(tab.locator(".jalon-statut__niveau")).to_have_text("On est au point mort (niveau 2 sur 6)")
        expect(tab.locator(".jalon-statut__date")).to_have_text(fr("Évaluation de juin 2026 · première évaluation"))
        tab.goto("jalons/5/")  # never assessed: no level is shown that no assessment gave
        expect(tab.locator(".jalon-statut")).to_contain_text("Pas encore évalué")
        expect(tab.locator(".jalon-statut svg")).to_have_count(0)


def test_the_timeline_table_is_read_without_css(graph_site):
    """Without the style sheet, the table is there as text, in the page's order."""
    html = (graph_site / "jalons/22/index.html").read_text(encoding="utf-8")
    table = html[html.index('<table class="jalons-table jalon-chronologie__table">'):]
    table = table[:table.index("</table>")]
    assert table.count("<tr>") == 3 and "janvier 2026" in table and "juin 2026" in table


def test_the_home_page_answers_the_question_from_the_data(browser, graph_site_url):
    with tab_at(browser, graph_site_url, "", 390) as tab:
        expect(tab.locator(".jalons-phrase-avancement")).to_have_text(fr(
            "3 jalons évalués sur 67 ; dernière évaluation : juin 2026. "
            "Niveau actuel : 1 « On est au point mort », 2 « On est en route »."))
        counts = tab.locator(".jalons-comptes li")
        expect(counts).to_have_count(6)
        expect(counts.nth(3)).to_have_text(fr("On est en route : 2 jalons"))
        # The map: each assessed jalon's level in its name and as bars, not by colour alone.
        hexagon = tab.locator('.jalons-carte a[aria-label^="Jalon 22 "]')
        expect(hexagon).to_have_attribute("aria-label", fr("Jalon 22 — Réseaux de collaboration pour des chaînes de "
                                                           "valeur circulaires · avancement : On est en route"))
        expect(hexagon.locator("rect")).to_have_count(6)
        expect(hexagon.locator("rect.jalons-carte__barre--pleine")).to_have_count(4)
        expect(tab.locator('.jalons-carte a[aria-label^="Jalon 5 "] rect')).to_have_count(0)


def test_the_progress_page_gives_every_campaign_and_the_overview(browser, graph_site_url):
    with tab_at(browser, graph_site_url, "avancement/", 1280) as tab:
        overview = tab.get_by_role("table", name="Niveau de chaque jalon évalué", exact=False)
        expect(overview.locator("thead th")).to_have_text(["Jalon", "janvier 2026", "juin 2026"])
        expect(overview.locator("tbody th")).to_have_text(["Jalon 22", "Jalon 23", "Jalon 41"])
        expect(overview.locator("tbody tr").first.locator("td")).to_have_text(
            ["3 On se prépare", "4 On est en route"])
        expect(overview.locator("tbody tr").nth(2).locator("td").first).to_have_text("non évalué")
        campaigns = tab.locator(".jalons-campagne")
        expect(campaigns).to_have_count(2)
        expect(campaigns.first).to_have_attribute("id", "campagne-2026-06")  # the newest first
        expect(tab.locator("#campagne-2026-01 h3")).to_have_text(fr("Campagne d'essai de janvier 2026"))
        expect(tab.locator("#campagne-2026-01 .jalons-campagne__methode")).to_contain_text(fr("Lecture d'essai"))
        expect(tab.locator(".jalons-echelle-definitions li")).to_have_count(6)
        # At a phone's width the overview scrolls in its own region; the page does not.
        tab.set_viewport_size({"width": 320, "height": 900})
        assert tab.evaluate("() => document.documentElement.scrollWidth") <= 320


def test_the_feed_has_an_entry_per_campaign(graph_site):
    feed = feedparser.parse((graph_site / "feed.xml").read_bytes())
    assert not feed.bozo, feed.bozo_exception
    campaigns = [entry for entry in feed.entries if "/evaluations/" in entry.id]
    assert [entry.title for entry in campaigns] == [fr("Évaluation de juin 2026 : 2 jalons évalués"),
                                                     fr("Campagne d'essai de janvier 2026 : 2 jalons évalués")]
    assert campaigns[0].link.endswith("/avancement/#campagne-2026-06")
    assert fr("Jalon 41 : On est au point mort. Justification d'essai d'un jalon sans fiche.") in campaigns[0].summary


def test_the_data_gives_one_row_per_jalon_and_campaign(graph_site):
    text = (graph_site / "donnees/evaluations.csv").read_text(encoding="utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [(row["campagne"], row["numero"], row["niveau"], row["rang"]) for row in rows] == [
        ("2026-01", "22", "se-prepare", "3"), ("2026-01", "23", "en-route", "4"),
        ("2026-06", "22", "en-route", "4"), ("2026-06", "41", "point-mort", "2")]
    records = json.loads((graph_site / "donnees/evaluations.json").read_text(encoding="utf-8"))
    assert records[2]["preuves"] == ["[Fonds Écoleader](ressource:fonds-ecoleader)", "Rapport d'essai sans adresse"]


def test_nothing_is_invented_without_a_campaign(built_site):
    """The repository has no assessment: the site says so, and the data files have no row."""
    assert fr("Aucun jalon n'a encore été évalué.") in (built_site / "index.html").read_text(encoding="utf-8")
    assert fr("Aucune campagne d'évaluation n'est encore publiée") in \
        (built_site / "avancement/index.html").read_text(encoding="utf-8")
    assert json.loads((built_site / "donnees/evaluations.json").read_text(encoding="utf-8")) == []


def test_the_search_finds_a_justifications_words(graph_site):
    index = json.loads((graph_site / "search/search_index.json").read_text(encoding="utf-8"))
    found = {document["location"].split("#")[0] for document in index["docs"]
             if "symbiotes industriels" in document["text"]}
    assert found == {"jalons/22/", "avancement/"}  # the jalon's status, and the campaign's list


@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
@pytest.mark.parametrize("path", PAGES.values(), ids=PAGES.keys())
def test_both_accessibility_engines_find_nothing_on_the_new_parts(browser, graph_site_url, path, width):
    with tab_at(browser, graph_site_url, path, width) as tab:
        assert axe_violations(tab) == []
        assert htmlcs_errors(tab) == []
