"""The site with the roadmap's whole list (fixture of 67 statements, imported with `jalons import-liste`)
in Chromium at phone and desktop widths: every hexagon, index row and placeholder shows its statement,
every hexagon is reached from the keyboard, and axe-core finds nothing."""

from __future__ import annotations

import pytest
from pathlib import Path

from conftest import FIXTURES, built_once, copy_project, jalons_command, mkdocs_build, served, tab_at
from playwright.sync_api import expect
from ruamel.yaml import YAML
from site_tour import WIDTHS
from tour import axe_violations

pytestmark = pytest.mark.lent  # a browser on a built site


@pytest.fixture(scope="module")
def liste_site(tmp_path_factory):
    def build(folder: Path) -> None:
        project = copy_project(folder / "projet")
        result = jalons_command("import-liste", str(FIXTURES / "liste-des-jalons.txt"), cwd=project)
        assert result.returncode == 0, result.stderr
        built = mkdocs_build(project, env={"JALONS_PDF": "false"})
        assert built.returncode == 0, built.stderr

    project = built_once(tmp_path_factory, "liste", build) / "projet"
    statements = {entry["numero"]: " ".join(entry["enonce"].split())
                  for entry in YAML(typ="safe").load((project / "content/liste-des-jalons.yml").read_text("utf-8"))["jalons"]}
    with served(project / "site") as url:
        yield url, statements


@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
def test_every_hexagon_is_named_by_its_statement_and_reached_by_keyboard(browser, liste_site, width):
    url, statements = liste_site
    with tab_at(browser, url, "", width) as tab:
        hexagons = tab.locator(".jalons-carte__cadre > svg a")
        expect(hexagons).to_have_count(67)
        names = hexagons.evaluate_all("links => links.map(a => a.getAttribute('aria-label'))")
        for numero, name in enumerate(names, 1):
            assert name.startswith(f"Jalon {numero} — ")
            if numero != 22:
                assert statements[numero] in name, name
        # From the first hexagon, Tab walks every hexagon in order, each label shown as it goes.
        info = tab.locator(".jalons-carte__info")
        hexagons.first.focus()
        for numero in range(1, 68):
            focused = tab.evaluate("() => document.activeElement.getAttribute('aria-label')")
            assert focused.startswith(f"Jalon {numero} — "), focused
            expect(info).to_have_text(focused)
            expect(info).to_be_visible()
            tab.keyboard.press("Tab")


@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
@pytest.mark.parametrize("path", ["", "jalons/", "jalons/1/"], ids=["carte", "index", "fiche-a-venir"])
def test_axe_finds_no_violation_with_the_list(browser, liste_site, path, width):
    url, _statements = liste_site
    with tab_at(browser, url, path, width) as tab:
        assert axe_violations(tab) == []


def test_index_rows_and_placeholders_show_their_statement(browser, liste_site):
    url, statements = liste_site
    with tab_at(browser, url, "jalons/") as tab:
        rows = tab.locator("li.jalons-index__item")
        expect(rows).to_have_count(67)
        for numero in (1, 5, 22, 67):
            expect(rows.nth(numero - 1)).to_contain_text(statements[numero][:60])
        own_word = statements[40].split()[-1].rstrip(".")  # the fixture gives each statement a word of its own
        tab.get_by_label("Contient le mot").fill(own_word)
        tab.locator("ol.jalons-index:not([aria-busy])").wait_for(state="attached")  # the fiches' words fetched
        shown = tab.locator("li.jalons-index__item:not([hidden])")
        assert shown.evaluate_all("items => items.map(li => li.value)") == [40]
        tab.goto("jalons/1/")
        # Titled by its statement: each jalon's page has its own heading and tab title.
        expect(tab.locator(".jalon-entete h1")).to_have_text(statements[1])
        assert tab.title().startswith("Jalon 1 — ") and "fiche à venir" not in tab.title()
        expect(tab.get_by_role("link", name="comment suivre les nouveautés", exact=True)).to_be_visible()


def test_a_word_of_a_statement_is_found_by_the_site_search(browser, liste_site):
    url, statements = liste_site
    with tab_at(browser, url) as tab:
        own_word = statements[1].rstrip(".").split()[-1]  # the fixture gives each statement a word of its own
        tab.keyboard.press("/")  # Material's shortcut to the search field
        tab.keyboard.type(own_word)
        expect(tab.locator(".md-search-result__item").first).to_be_visible(timeout=15000)
        hrefs = tab.locator(".md-search-result__link").evaluate_all("links => links.map(a => a.href)")
        assert any(href.endswith("/jalons/1/") for href in hrefs), hrefs
