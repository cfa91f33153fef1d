"""What a reader does with a real browser (Debian's Chromium through Playwright) on the built site, and
the check that the headless shell the tests drive lays pages out as that browser does."""

from __future__ import annotations

import re

import pytest
from conftest import tab_at
from playwright.sync_api import expect
from site_tour import PAGE_TYPES
from tour import resize

from jalons.site.typography import french

pytestmark = pytest.mark.lent  # a browser on the built site

# Every element of the page: its tag, name and box, in document order.
BOXES = """() => Array.from(document.querySelectorAll("body *")).map(element => {
  const box = element.getBoundingClientRect();
  return [element.tagName, element.id, element.className.baseVal ?? element.className,
          ...[box.x, box.y, box.width, box.height].map(Math.round)].join(" ");
})"""


def boxes(browser, site_url: str, path: str) -> dict[int, list[str]]:
    """The boxes of the page at `path` at 1280 px, then narrowed to 390 px as a window is."""
    with tab_at(browser, site_url, path, 1280) as tab:
        tab.wait_for_load_state("networkidle")
        found = {1280: tab.evaluate(BOXES)}
        resize(tab, 390)
        return found | {390: tab.evaluate(BOXES)}


@pytest.mark.xdist_group("chromium")  # one worker starts the full Chromium
@pytest.mark.parametrize("name", ["accueil", "fiche", "contribuer"])
def test_the_headless_shell_lays_out_pages_as_chromium_does(browser, chromium, site_url, name):
    """The tests drive Debian's headless shell of Chromium, not the Chromium readers run
    (site_tour.HEADLESS_SHELL): both must place every element of a page in the same box, at both widths,
    for what the tests measure to hold in the readers' browser."""
    in_the_shell = boxes(browser, site_url, PAGE_TYPES[name])
    assert min(map(len, in_the_shell.values())) > 100
    assert in_the_shell == boxes(chromium, site_url, PAGE_TYPES[name])


def test_reader_follows_the_link_to_jalon_25_and_back(page):
    page.goto("jalons/22/")
    expect(page.locator("article h1")).to_have_text("Réseaux de collaboration pour des chaînes de valeur circulaires")
    expect(page.locator(".jalon-statut")).to_contain_text(french("Niveau actuel : non évalué"))
    page.get_by_role("link", name="jalon 25", exact=True).click()
    expect(page).to_have_url(re.compile(r"/jalons/25/$"))
    expect(page.locator("article")).to_contain_text("Jalon 25 · fiche à venir")
    page.get_by_role("link", name=re.compile("Jalon 22 — Réseaux de collaboration")).click()
    expect(page).to_have_url(re.compile(r"/jalons/22/$"))


def test_resource_link_in_text_leads_to_its_entry_and_one_without_an_address_is_plain_text(page):
    page.goto("jalons/22/")
    article = page.locator("article")
    expect(article).to_contain_text("CERIEC")  # named in the text, not a link to nowhere
    expect(article.get_by_role("link", name="CERIEC", exact=True)).to_have_count(0)
    article.get_by_role("link", name="RRECQ", exact=True).click()
    expect(page).to_have_url(re.compile(r"/ressources/#rrecq$"))
    expect(page.locator("#rrecq").get_by_role("link", name="RRECQ")).to_have_attribute("href", "https://rrecq.ca")


def test_french_search_finds_the_fiche(page):
    page.goto("")
    page.keyboard.press("/")  # Material's shortcut to the search field
    page.keyboard.type("mutualisation")
    result = page.locator(".md-search-result__item").first
    expect(result).to_contain_text("mutualisation", timeout=15000)
    expect(page.locator(".md-search-result__link").first).to_have_attribute("href", re.compile(r"jalons/22/"))


def test_mistyped_address_gives_a_french_page_with_the_ways_back(page):
    response = page.goto("jalons/222/")
    assert response.status == 404
    expect(page.locator("article h1")).to_have_text("Page introuvable")
    page.get_by_role("link", name="Tous les jalons de la feuille de route").click()
    expect(page).to_have_url(re.compile(r"/jalons/$"))
    page.go_back()
    page.locator("article").get_by_role("link", name="Accueil des fiches jalons").click()
    expect(page.locator("article h1")).to_have_text("Les 67 jalons vers une économie circulaire au Québec")
