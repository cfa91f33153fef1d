"""The jalons index's filters and the map, as a reader uses them in Chromium."""

from __future__ import annotations

import re

import pytest
from conftest import open_tab
from playwright.sync_api import expect

from jalons.site.typography import french

pytestmark = pytest.mark.lent  # a browser on a built site


@pytest.fixture
def tab(browser, graph_site_url):
    tab = open_tab(browser, graph_site_url)
    yield tab
    tab.context.close()


def visible_numbers(tab) -> list[int]:
    """The numbers the list shows, once it is no longer busy fetching the fiches' words (the word filter)."""
    tab.locator("ol.jalons-index:not([aria-busy])").wait_for(state="attached")
    return [int(value) for value in tab.locator("li.jalons-index__item:visible").evaluate_all(
        "items => items.map(item => item.getAttribute('value'))")]


def test_filters_start_hidden_without_javascript(browser, graph_site_url):
    context = browser.new_context(base_url=graph_site_url, java_script_enabled=False)
    tab = context.new_page()
    tab.goto("jalons/")
    expect(tab.locator("form.jalons-filtres")).to_be_hidden()
    assert len(visible_numbers(tab)) == 67
    context.close()


def test_each_filter_narrows_the_list(tab):
    tab.goto("jalons/")
    status = tab.get_by_role("status")
    expect(status).to_have_text("67 jalons affichés sur 67.")

    tab.get_by_label("Qui doit être mobilisé").select_option("developpement-territorial")
    assert visible_numbers(tab) == [22]
    tab.get_by_label("Qui doit être mobilisé").select_option("milieu-affaires-travail")
    assert visible_numbers(tab) == [22, 23]
    expect(status).to_have_text("2 jalons affichés sur 67.")
    tab.get_by_label("Qui doit être mobilisé").select_option("")

    tab.get_by_label("Avancement").select_option("en-route")  # the latest assessment of each jalon
    assert visible_numbers(tab) == [22, 23]
    tab.get_by_label("Avancement").select_option("point-mort")  # a jalon without a fiche is assessed too
    assert visible_numbers(tab) == [41]
    tab.get_by_label("Avancement").select_option("non-evalue")
    assert visible_numbers(tab) == [n for n in range(1, 68) if n not in (22, 23, 41)]
    tab.get_by_label("Avancement").select_option("")

    tab.get_by_label("Jalons pivots").check()
    assert visible_numbers(tab) == [23]
    expect(status).to_have_text("1 jalon affiché sur 67.")
    tab.get_by_label("Jalons pivots").uncheck()

    tab.get_by_label("Contient le mot").fill("cooperation")  # accents ignored: « coopération »
    assert visible_numbers(tab) == [22]
    tab.get_by_label("Contient le mot").fill("jalon 41")
    assert visible_numbers(tab) == [23, 41]  # 41 itself, and fiche 23, whose text mentions it
    tab.get_by_label("Contient le mot").fill("PME")  # in a lever of fiche 22, not in its statement
    assert visible_numbers(tab) == [22]
    tab.get_by_label("Contient le mot").fill("introuvable")
    assert visible_numbers(tab) == []
    expect(status).to_have_text("Aucun jalon ne correspond à « introuvable » : essayez un autre mot, ou « Tout afficher ».")

    tab.get_by_role("button", name="Tout afficher").click()
    expect(status).to_have_text("67 jalons affichés sur 67.")


def test_the_fiches_words_are_fetched_once_a_word_is_typed(tab):
    """The list carries what it shows; the rest of each fiche's words come the first time a reader types a word."""
    fetched = []
    tab.on("request", lambda request: fetched.append(request.url) if request.url.endswith("textes.json") else None)
    tab.goto("jalons/")
    tab.get_by_label("Avancement").select_option("en-route")
    assert visible_numbers(tab) == [22, 23] and fetched == []
    tab.get_by_label("Contient le mot").fill("PME")
    assert visible_numbers(tab) == [22]
    tab.get_by_label("Contient le mot").fill("frein")
    visible_numbers(tab)
    assert len(fetched) == 1


def test_without_the_fiches_words_the_titles_and_statements_are_searched_and_the_status_says_so(tab):
    tab.route("**/jalons/textes.json", lambda route: route.abort())
    tab.goto("jalons/")
    tab.get_by_label("Contient le mot").fill("PME")  # in a lever of fiche 22 only
    assert visible_numbers(tab) == []
    tab.get_by_label("Contient le mot").fill("cooperation")  # in the statement of fiche 22, shown in the list
    assert visible_numbers(tab) == [22]
    expect(tab.get_by_role("status")).to_have_text(
        "1 jalon affiché sur 67. Le texte des fiches n\u2019a pu être chargé\u00a0: seuls les titres et les énoncés "
        "sont cherchés.")


def test_filters_combine(tab):
    tab.goto("jalons/")
    tab.get_by_label("Qui doit être mobilisé").select_option("milieu-affaires-travail")
    tab.get_by_label("Avancement").select_option("point-mort")  # 41 only, which has no fiche to mobilise anyone
    assert visible_numbers(tab) == []
    tab.get_by_label("Avancement").select_option("en-route")
    assert visible_numbers(tab) == [22, 23]


def test_filters_work_from_the_keyboard(tab):
    tab.goto("jalons/")
    tab.get_by_label("Contient le mot").focus()
    tab.keyboard.type("d'essai")  # not « essai », which « nécessaire » in fiche 22 contains
    assert visible_numbers(tab) == [23]
    tab.keyboard.press("Tab")  # to « Qui doit être mobilisé »
    expect(tab.get_by_label("Qui doit être mobilisé")).to_be_focused()
    tab.keyboard.press("ArrowDown")  # « Milieu des affaires et du travail »
    expect(tab.get_by_label("Qui doit être mobilisé")).to_have_value("milieu-affaires-travail")
    assert visible_numbers(tab) == [23]
    tab.keyboard.press("Tab")  # to « Avancement »
    tab.keyboard.press("Tab")  # to « Fiches publiées »
    expect(tab.get_by_label("Fiches publiées")).to_be_focused()
    tab.keyboard.press("Tab")  # to « Jalons pivots »
    tab.keyboard.press("Space")
    expect(tab.get_by_label("Jalons pivots")).to_be_checked()
    assert visible_numbers(tab) == [23]
    tab.keyboard.press("Tab")
    expect(tab.get_by_role("button", name="Filtrer")).to_be_focused()
    tab.keyboard.press("Tab")
    expect(tab.get_by_role("button", name="Tout afficher")).to_be_focused()
    tab.keyboard.press("Enter")
    expect(tab.get_by_role("status")).to_have_text("67 jalons affichés sur 67.")


def test_every_map_link_leads_to_an_existing_page(tab, graph_site_url):
    tab.goto("")
    links = tab.locator(".jalons-carte__cadre > svg a")
    expect(links).to_have_count(67)
    targets = links.evaluate_all("links => links.map(a => [a.getAttribute('aria-label'), a.href.baseVal || a.href])")
    # The four kinds: published, published pivot, cited to come, to come.
    for label, href in [targets[0], targets[21], targets[22], targets[40]]:
        response = tab.goto(href)
        assert response.status == 200, href
        number = re.match(r"Jalon (\d+)", label).group(1)
        expect(tab.locator("article")).to_contain_text(f"Jalon {number}")
        tab.go_back()


def test_map_shows_the_label_of_the_hexagon_under_the_pointer_or_the_focus(tab):
    tab.goto("")
    info = tab.locator(".jalons-carte__info")
    expect(info).to_be_hidden()
    tab.locator('.jalons-carte a[href$="jalons/22/"]').hover()
    expect(info).to_be_visible()
    expect(info).to_have_text(re.compile(r"^Jalon 22 — Réseaux de collaboration"))
    tab.mouse.move(0, 0)  # out of the map: what follows is the keyboard's doing
    tab.locator('.jalons-carte a[href$="jalons/41/"]').focus()
    expect(info).to_have_text(french("Jalon 41 — fiche à venir · avancement : On est au point mort"))  # assessed


def test_map_link_is_clickable_and_named(tab):
    tab.goto("")
    tab.locator(".jalons-carte").get_by_role("link", name=re.compile(r"^Jalon 22 — Réseaux de collaboration")).click()
    expect(tab).to_have_url(re.compile(r"/jalons/22/$"))
