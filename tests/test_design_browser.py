"""The site as a reader sees it, in a real browser: French spacing, words never cut, a readable measure,
where one is, the progress scale as a state, readers first and contributors one step away."""

from __future__ import annotations

import pytest
import re

from conftest import served, tab_at
from tour import LAYOUT_SHIFT, VISITED_PAGES

from jalons.site.typography import french

pytestmark = pytest.mark.lent  # a browser on the built site

NBSP, NNBSP = "\u00a0", "\u202f"
SCALE = french("Échelle d'avancement, du premier au dernier niveau")


@pytest.fixture
def seen(tour):
    """A page type as loaded on a phone, then widened and narrowed (tour.py: `on_a_phone`)."""
    return lambda path: tour(path)[390]


@pytest.mark.parametrize("path", VISITED_PAGES)
def test_no_ordinary_space_before_french_marks_or_after_opening_guillemet(seen, path):
    text = seen(path)["text"]
    faults = []
    for index, char in enumerate(text):
        before = text[index - 1] if index else ""
        if char in ":;!?»" and before in " \t\n\r":
            faults.append(text[max(0, index - 30):index + 5])
        if char == "«" and text[index + 1:index + 2] in (" ", "\t", "\n", "\r"):
            faults.append(text[index:index + 30])
        # A mark glued to the word it ends (« jalon? », « 2050: un »): French puts a space before it.
        if char in ":;!?" and (before.isalnum() or before in "»)") and text[index + 1:index + 2] in ("", " ", "\n"):
            faults.append(text[max(0, index - 30):index + 5])
    assert faults == []
    assert "'" not in text.replace("\u2019", ""), "apostrophes droites dans le texte affiché"


@pytest.mark.parametrize("path", VISITED_PAGES)
def test_no_word_is_broken_across_lines_in_tables_and_headings(seen, path):
    for width, (broken, page_width) in seen(path)["widths"].items():
        assert (width, broken) == (width, [])
        assert page_width <= width  # nothing wider than the screen: no sideways scrolling of the page


def test_a_fiche_reads_at_about_75_characters_a_line(browser, site_url):
    with tab_at(browser, site_url, "jalons/22/", 1280) as tab:
        per_line = tab.evaluate("""() => {
          const item = document.querySelector("article .jalon-liste li");
          const range = document.createRange();
          range.selectNodeContents(item);
          const lines = new Set(Array.from(range.getClientRects()).map(r => Math.round(r.top))).size;
          return item.textContent.trim().length / lines;
        }""")
    assert 60 <= per_line <= 85


@pytest.mark.parametrize(("path", "section", "crumbs"), [
    ("jalons/22/", "Jalons", ["Accueil", "Jalons", "Jalon 22"]),
    ("jalons/25/", "Jalons", ["Accueil", "Jalons", "Jalon 25"]),
    ("parties-prenantes/milieu-affaires-travail/", "Parties prenantes",
     ["Accueil", "Parties prenantes", "Milieu des affaires et du travail"]),
    ("contribuer/format/", "Contribuer", ["Accueil", "Contribuer", "Format des fichiers"]),
    ("ressources/", "Ressources", ["Accueil", "Ressources"]),
])
def test_the_reader_sees_where_the_page_is(browser, site_url, path, section, crumbs):
    with tab_at(browser, site_url, path, 1280) as tab:
        marked = tab.locator(".md-nav--primary .md-nav__item--active > .md-nav__link, "
                             ".md-nav--primary .md-nav__link--active")
        assert section in [text.strip() for text in marked.all_inner_texts()]
        # Marked by more than colour: bold.
        assert int(marked.first.evaluate("e => getComputedStyle(e).fontWeight")) >= 700
        breadcrumb = tab.get_by_role("navigation", name=french("Fil d'Ariane"))
        assert [item.strip() for item in breadcrumb.locator("li").all_inner_texts()] == crumbs
        assert breadcrumb.locator("[aria-current=page]").inner_text() == crumbs[-1]
        assert tab.evaluate("() => getComputedStyle(document.querySelector('article h1')).color") != \
            "rgba(0, 0, 0, 0.54)"


def test_the_phone_header_shows_the_whole_site_name(browser, site_url):
    with tab_at(browser, site_url, "jalons/22/", 390) as tab:
        name = tab.locator(".md-header__topic").first
        assert name.inner_text().strip() == "Fiches jalons"
        assert name.evaluate("e => e.querySelector('.md-ellipsis').scrollWidth <= e.querySelector('.md-ellipsis').clientWidth")


@pytest.mark.parametrize("path", VISITED_PAGES)
def test_tab_titles_join_page_and_site_with_one_dash(seen, path):
    title = seen(path)["title"]
    assert title.startswith("Fiches jalons — ") if path == "" else title.endswith(" — Fiches jalons")
    assert " - " not in title


def test_the_progress_scale_is_a_state_with_words(browser, site_url, graph_site_url):
    with tab_at(browser, site_url, "jalons/22/", 390) as tab:
        scale = tab.get_by_role("list", name=SCALE)
        assert scale.locator("button, a, input").count() == 0
        assert scale.locator("[aria-current]").count() == 0
        assert "non évalué" in tab.locator(".jalon-statut").inner_text()
        # On a phone, one level a line: six rows, none side by side.
        boxes = [item.bounding_box() for item in scale.locator("li").all()]
        assert len(boxes) == 6 and len({round(box["x"]) for box in boxes}) == 1
    with tab_at(browser, graph_site_url, "jalons/23/", 1280) as tab:
        scale = tab.get_by_role("list", name=SCALE)
        current = scale.locator("[aria-current=step]")
        assert current.inner_text().split("\n")[0].strip() == "On est en route"
        assert "(niveau actuel)" in current.inner_text()
        boxes = [item.bounding_box() for item in scale.locator("li").all()]
        assert len({round(box["y"]) for box in boxes}) == 1  # one row on a desktop
        reached = scale.locator(".jalon-echelle__niveau--atteint").count()
        assert reached == 4  # up to « On est en route », the fourth level


@pytest.mark.parametrize("path", VISITED_PAGES)
def test_no_forge_link_and_no_edit_pencil_where_readers_read(seen, path):
    # The forge is for contributors: /contribuer/depot/ leads there, one step from « Contribuer ».
    view = seen(path)
    assert view["forge_in_header"] == 0 and view["pencils"] == 0 and view["forge_links"] == 0


def test_a_fiche_speaks_to_readers_before_contributors_on_github(browser, site_url):
    with tab_at(browser, site_url, "jalons/22/", 1280) as tab:
        order = tab.evaluate("""() => {
          const heading = document.getElementById("contribuer-a-cette-fiche");
          const parts = [];
          for (let e = heading.nextElementSibling; e; e = e.nextElementSibling) parts.push(e.className || e.tagName);
          return parts;
        }""")
        assert order.index("jalon-contribuer") < order.index("jalon-modifier")
        assert "GitHub" not in tab.locator("#contribuer-a-cette-fiche + p").inner_text()


def test_the_general_form_is_about_no_section_in_particular(browser, site_url):
    with tab_at(browser, site_url, "contribuer/", 1280) as tab:
        assert tab.locator("#contribution-section-general").input_value() == "autre"
        assert tab.locator("#contribution-jalon").input_value() == ""
        # The files and their format are for those who edit them: two pages away, through « Contribuer par le dépôt ».
        assert tab.locator("article table").count() == 0
        tab.get_by_role("link", name="Contribuer par le dépôt").click()
        tab.wait_for_url("**/contribuer/depot/")
        tab.get_by_role("link", name="référence du format des fichiers").click()
        tab.wait_for_url("**/contribuer/format/")
        tab.locator("article table").first.wait_for()
        assert tab.locator("article table").count() >= 3


def test_a_resource_entry_says_what_is_known_and_where_it_is_cited(browser, site_url):
    with tab_at(browser, site_url, "ressources/", 1280) as tab:
        vision = tab.locator("li#vision-2050").inner_text()
        assert "Citée dans le texte «\u00a0À propos\u00a0» de chaque fiche" in vision
        assert "compléter" not in vision and tab.locator("li#vision-2050 a[href^='http']").count() == 0
        ceriec = tab.locator("li#ceriec").inner_text()
        assert "Jalon 22" in ceriec and "Comment pourrait-on s\u2019y rendre" in ceriec
        ruche = tab.locator("li#la-ruche").inner_text()
        assert "La Ruche" in ruche  # its author
        assert "«\u00a0Ressources\u00a0»" in ruche and "faciliter ce changement" in ruche


def test_search_says_missing_words_in_french_and_has_a_submit_button(browser, site_url):
    with tab_at(browser, site_url, "", 1280) as tab:
        tab.get_by_role("textbox", name="Rechercher").first.click()
        tab.keyboard.type("collaboration zzzqqq")
        terms = tab.locator(".md-search-result__terms").first
        terms.wait_for()
        assert terms.inner_text().startswith(f"Non trouvé{NBSP}:")
        # The submit button reopens the page with the words, and the search with them.
        tab.locator(".md-search-result").first.wait_for()
        tab.focus(".md-search__input")
        tab.keyboard.press("Tab")
        button = tab.locator(".jalons-recherche__lancer")
        assert button.evaluate("e => e === document.activeElement") and button.is_visible()
        tab.keyboard.press("Enter")
        tab.wait_for_url("**?q=collaboration*")
        assert tab.locator(".md-search__input").input_value() == "collaboration zzzqqq"


def test_a_stakeholder_page_says_one_fiche_in_the_singular(browser, site_url):
    with tab_at(browser, site_url, "parties-prenantes/milieu-affaires-travail/", 390) as tab:
        text = tab.locator("article").inner_text()
    assert "Une fiche demande de mobiliser ce groupe. Voici ce qu\u2019elle propose" in text


def test_the_screenshot_script_captures_whole_pages_at_both_widths(browser, built_site, tmp_path):
    from PIL import Image
    from screenshots import capture

    files = capture(built_site, tmp_path, {"fiche": "jalons/22/"}, browser)
    assert sorted(file.name for file in files) == ["fiche-1280.png", "fiche-390.png"]
    for file in files:
        width, height = Image.open(file).size
        assert width == int(file.stem.split("-")[-1]) and height > 3000  # the whole fiche, not one screen


@pytest.mark.parametrize("path", VISITED_PAGES)
def test_nothing_moves_once_shown(seen, path):
    """Cumulative layout shift (what Lighthouse counts): a part added by a script must not push the page."""
    assert seen(path)["shift"] < 0.01


def test_the_layout_shift_check_sees_a_part_that_a_script_adds(browser, tmp_path):
    """The check above can fail: a block inserted by a script at the top of a shown page is counted."""
    (tmp_path / "index.html").write_text(
        '<!DOCTYPE html><html lang="fr"><head><title>x</title></head><body>'
        + "<p>Un paragraphe déjà affiché.</p>" * 30
        + '<script>setTimeout(() => { const bloc = document.createElement("div"); bloc.style.height = "300px";'
          ' document.body.prepend(bloc); }, 100);</script></body></html>', encoding="utf-8")
    with served(tmp_path) as url, tab_at(browser, url, "", 390) as tab:
        tab.wait_for_load_state("networkidle")
        tab.wait_for_timeout(150)
        assert tab.evaluate(LAYOUT_SHIFT) > 0.1


def test_without_javascript_the_index_shows_the_whole_list_and_no_filters(browser, site_url):
    context = browser.new_context(base_url=site_url, java_script_enabled=False)
    try:
        tab = context.new_page()
        tab.goto("jalons/")
        assert not tab.locator(".jalons-filtres").is_visible()
        assert tab.locator(".jalons-index__item:visible").count() == 67
    finally:
        context.close()


@pytest.mark.parametrize("width", [390, 1280])
def test_the_bar_of_a_single_jalon_is_more_than_a_hairline(browser, graph_site_url, width):
    with tab_at(browser, graph_site_url, "avancement/", width) as tab:  # jalon 41 alone at its level
        row = tab.locator("tr", has=tab.locator("th", has_text="On est au point mort"))
        assert "1 sur 67" in row.inner_text()
        bar = row.locator(".jalons-avancement__barre").bounding_box()
        track = row.locator(".jalons-avancement__piste").bounding_box()
        assert bar["width"] >= 8 and bar["height"] >= 8  # 1/67 of the track would be a hairline
        assert track["width"] > 5 * bar["width"]  # the track shows the whole: 67 jalons


def test_the_identity_is_not_materials_default_indigo(browser, site_url):
    with tab_at(browser, site_url, "jalons/22/", 390) as tab:
        header = tab.evaluate("() => getComputedStyle(document.querySelector('.md-header')).backgroundColor")
    assert header == "rgb(29, 87, 67)"  # --md-primary-fg-color of jalons.css, not Material's indigo


@pytest.mark.parametrize("path", VISITED_PAGES)
def test_page_loads_only_from_its_own_origin_without_errors(seen, site_url, path):
    loaded = seen(path)["loaded"]
    errors = loaded["errors"]
    if path == "page-absente/":
        # A missing page answers 404 with the site's own page (as GitHub Pages does); Chromium reports
        # the document's own 404 status in the console, which is the point, not a fault of the page.
        assert loaded["status"] == 404
        assert re.match("^Page introuvable — ", seen(path)["title"])
        errors = [(text, source) for text, source in errors if source != loaded["url"]]
    else:
        assert loaded["status"] == 200
    assert loaded["requests"], "no request recorded"
    foreign = [url for url in loaded["requests"] if not url.startswith(site_url) and not url.startswith("data:")]
    assert foreign == []
    assert errors == []
