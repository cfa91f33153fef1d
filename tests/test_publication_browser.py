"""The site as the RRECQ's publication, read on a phone (320 and 390 px) and a desktop (1280 px): no placeholder on
any page, a title of its own for every page, jalons that lead to the next, share images, a short print, map
targets a finger can hit, and no forge link where readers read."""

from __future__ import annotations

import io
import shutil
import re
from collections import Counter

import pytest
import yaml
from bs4 import BeautifulSoup
from conftest import ROOT, tab_at
from PIL import Image
from pypdf import PdfReader

from jalons.site import urls

pytestmark = pytest.mark.lent  # the real build, and a browser on it

PLACEHOLDERS = re.compile(r"à\s+(compléter|préciser)", re.IGNORECASE)
CONFIG = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8").replace("!ENV", ""))
CONTRIBUTORS = {"contribuer/depot/index.html"}  # the page for those who edit files: the forge is its subject


def pages(site) -> dict[str, BeautifulSoup]:
    return {path.relative_to(site).as_posix(): BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
            for path in sorted(site.rglob("*.html")) if path.name != "404.html"}


@pytest.fixture(scope="module")
def built(built_site):
    return pages(built_site)


def test_no_page_and_no_pdf_shows_a_placeholder(built, built_site):
    found = {path: match.group(0) for path, soup in built.items()
             if (match := PLACEHOLDERS.search(" ".join(soup.get_text().split())))}
    assert len(built) > 70 and found == {}
    text = " ".join(page.extract_text() for page in PdfReader(built_site / "jalons/22/fiche-jalon-22.pdf").pages)
    assert not PLACEHOLDERS.search(" ".join(text.split()))


def test_every_page_has_a_title_of_its_own(built):
    titles = Counter(soup.title.get_text() for soup in built.values())
    assert [title for title, count in titles.items() if count > 1] == []
    assert len(titles) == len(built)


def test_no_reader_page_links_to_the_forge(built):
    repo = CONFIG["repo_url"]
    with_forge = sorted(path for path, soup in built.items() if soup.select(f'a[href^="{repo}"]'))
    assert with_forge == sorted(CONTRIBUTORS)
    assert all(soup.select_one(f'a[href="{repo}"]') for path, soup in built.items() if path in CONTRIBUTORS)
    # The page for those who edit files is one click from every fiche.
    assert built["jalons/22/index.html"].select_one('.jalon-modifier a[href="../../contribuer/"]')
    assert built["contribuer/index.html"].select_one('a[href="depot/"]')


def test_share_images_are_announced_and_are_open_graph_sized(built, built_site):
    site_url = CONFIG["site_url"]
    for path, image in [("jalons/22/index.html", urls.partage(22)), ("index.html", urls.partage()),
                        ("jalons/5/index.html", urls.partage())]:
        head = built[path].head
        assert head.select_one('meta[property="og:image"]')["content"] == site_url + image
        assert head.select_one('meta[name="twitter:card"]')["content"] == "summary_large_image"
        assert Image.open(io.BytesIO((built_site / image).read_bytes())).size == (1200, 630)


@pytest.mark.parametrize("width", [320, 390, 1280])
def test_each_jalon_leads_to_the_previous_and_the_next(browser, site_url, width):
    with tab_at(browser, site_url, "jalons/22/", width) as tab:
        voisins = tab.get_by_role("navigation", name="Jalons voisins")
        voisins.get_by_role("link", name=re.compile(r"^Jalon suivant · 23")).click()
        tab.wait_for_url("**/jalons/23/")
        tab.get_by_role("navigation", name="Jalons voisins").get_by_role(
            "link", name=re.compile(r"^Jalon précédent · 22 Réseaux de collaboration")).click()
        tab.wait_for_url("**/jalons/22/")
        assert tab.evaluate("document.documentElement.scrollWidth") <= width
    for path, missing in [("jalons/1/", "Jalon précédent"), ("jalons/67/", "Jalon suivant")]:
        with tab_at(browser, site_url, path, width) as tab:
            links = tab.get_by_role("navigation", name="Jalons voisins").get_by_role("link")
            assert links.count() == 1 and missing not in links.first.inner_text()


@pytest.mark.parametrize("width", [320, 390])
def test_a_phone_has_the_sections_of_a_fiche_and_its_key_facts_on_the_page(browser, site_url, width):
    with tab_at(browser, site_url, "jalons/22/", width) as tab:
        facts = tab.locator(".jalon-faits")
        assert facts.is_visible() and "Version" in facts.inner_text()
        summary = tab.locator("details.jalons-sur-cette-page")
        summary.locator("summary").click()
        summary.get_by_role("link", name="Ressources", exact=True).click()
        assert tab.url.endswith("#ressources")
        # Under the title, on the first screen: the facts and the way to every section.
        assert summary.bounding_box()["y"] < 900 + tab.evaluate("window.scrollY")


@pytest.mark.parametrize("width", [320, 390])
def test_map_targets_are_a_fingers_width_on_a_phone_and_the_page_does_not_scroll_sideways(browser, site_url, width):
    with tab_at(browser, site_url, "", width) as tab:
        boxes = tab.locator(".jalons-carte__case").evaluate_all(
            "cases => cases.map(c => { const b = c.getBoundingClientRect(); return [b.width, b.height]; })")
        assert len(boxes) == 67 and min(min(box) for box in boxes) >= 44
        assert tab.evaluate("document.documentElement.scrollWidth") <= width
        assert "survol" not in tab.locator(".jalons-carte__aide").inner_text()
        # The label of a hexagon appears in a place kept for it: the legend does not move.
        where = "document.querySelector('.jalons-carte__legende').getBoundingClientRect().top + window.scrollY"
        legend = tab.evaluate(where)
        tab.locator(".jalons-carte__case").nth(21).focus()
        assert tab.locator(".jalons-carte__info").inner_text().startswith("Jalon 22")
        assert tab.evaluate(where) == legend


def test_printing_a_fiche_from_the_browser_gives_the_text_in_four_letter_pages_at_most(browser, site_url, tmp_path):
    with tab_at(browser, site_url, "jalons/22/", 1280) as tab:
        tab.emulate_media(media="print")
        path = tmp_path / "fiche.pdf"
        tab.pdf(path=str(path), format="Letter", print_background=True)
    reader = PdfReader(path)
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    assert len(reader.pages) <= 4
    assert "Comment pourrait-on" in text and "Ressources" in text  # the text is there
    for absent in ("Préparer le courriel", "Contribuer à cette fiche", "Jalon suivant", "Rechercher", "Accueil ›"):
        assert absent not in text


def test_the_jalons_index_sets_the_published_fiches_apart_and_offers_only_choices_that_match(browser, site_url):
    with tab_at(browser, site_url, "jalons/", 1280) as tab:
        published = tab.locator(".jalons-publiee")
        assert published.count() == 1
        assert published.get_by_role("link").inner_text() == "Réseaux de collaboration pour des chaînes de valeur circulaires"
        form = tab.get_by_role("form", name="Filtrer les jalons")
        # « Filtrer » and « Tout afficher » side by side, not stacked.
        buttons = [form.get_by_role("button", name=name).bounding_box() for name in ("Filtrer", "Tout afficher")]
        assert buttons[0]["y"] == buttons[1]["y"] and buttons[0]["x"] + buttons[0]["width"] <= buttons[1]["x"]
        status = form.locator(".jalons-filtres__statut")
        for name in ("niveau", "partie"):
            select = form.locator(f"select[name={name}]")
            for option in select.locator("option").all()[1:]:
                label, value = option.inner_text(), option.get_attribute("value")
                count = int(re.search(r"\((\d+)\)$", label).group(1))
                select.select_option(value)
                assert status.inner_text().startswith(f"{count} jalon"), (label, status.inner_text())
            select.select_option("")
        form.get_by_label(re.compile("Fiches publiées")).check()
        assert status.inner_text().startswith("1 jalon affiché")


@pytest.mark.parametrize("width", [320, 390, 1280])
def test_the_trail_the_title_the_statement_and_the_sections_line_up(browser, site_url, width):
    with tab_at(browser, site_url, "jalons/22/", width) as tab:
        def box(selector: str) -> dict:
            return tab.locator(selector).first.bounding_box()
        trail, title, statement, section = box(".jalons-fil li"), box("article h1"), box(".jalon-enonce"), box("#pourquoi-ce-jalon")
        assert abs(trail["x"] - title["x"]) < 1
        assert abs(statement["x"] - section["x"]) < 1
        assert abs(statement["x"] + statement["width"] - section["x"] - section["width"]) < 1


def test_the_menus_current_item_is_aligned_with_the_others(browser, site_url):
    with tab_at(browser, site_url, "jalons/", 390) as tab:
        tab.locator("label.md-header__button[for=__drawer]").click()
        links = tab.locator(".md-nav--primary > .md-nav__list > .md-nav__item > .md-nav__link")
        starts = links.evaluate_all("""links => links.map(link => {
          const range = document.createRange();
          range.selectNodeContents(link);
          const rects = range.getClientRects();
          return rects.length ? [link.textContent.trim(), Math.round(rects[0].left)] : null;
        }).filter(Boolean)""")
        assert len(starts) >= 9
        assert len({left for _name, left in starts}) == 1, starts


def test_the_search_index_holds_the_fiches_text_not_the_pages_furniture(built_site):
    import json

    docs = json.loads((built_site / "search/search_index.json").read_text(encoding="utf-8"))["docs"]
    fiche = " ".join(doc["text"] for doc in docs if doc["location"].startswith("jalons/22/"))
    assert "chaînes de valeur circulaires" in fiche and "Comment pourrait-on" in " ".join(
        doc["title"] for doc in docs if doc["location"].startswith("jalons/22/"))
    everything = " ".join(doc["title"] + " " + doc["text"] for doc in docs)
    for furniture in ("Votre proposition (obligatoire)", "Niveau d'avancement proposé", "Jalon suivant", "Sur cette page",
                      "Une correction, un exemple"):
        assert furniture not in everything, furniture
    assert "Mauvaise direction" not in fiche  # the scale drawn on each jalon's page; /avancement/ explains it


def test_the_search_finds_a_fiches_text_on_its_page_not_where_it_is_repeated(built_site):
    """A lever is on its fiche and again on the page of each group it mobilises, a title on the lists, « À propos »
    on every fiche: the search sends the reader to the one place each is written (and has less to read). An
    assessed jalon's status stays in the search (test_evaluations_site)."""
    import json

    from jalons.content.loading import load_corpus

    docs = json.loads((built_site / "search/search_index.json").read_text(encoding="utf-8"))["docs"]

    def pages_with(words: str) -> set[str]:
        return {doc["location"].split("#")[0] for doc in docs if words in doc["title"] + " " + doc["text"]}
    corpus = load_corpus(ROOT / "content")
    fiche = corpus.jalons[22]
    assert pages_with(fiche.leviers[0][:60]) == {"jalons/22/"}  # not on its stakeholders' pages
    assert fiche.mobiliser and all((built_site / "parties-prenantes" / partie).is_dir() for partie in fiche.mobiliser)
    # The title: not on the home page's list, /jalons/, nor the resources it cites; a news item and the
    # contributors' list of files are about the fiche, and say so.
    assert pages_with(fiche.titre) == {"jalons/22/", "nouveautes/", "contribuer/depot/"}
    about = " ".join(corpus.feuille_de_route.a_propos.split()[:8])
    assert pages_with(about) == set()  # every fiche's « À propos »: not a result per fiche,
    assert pages_with("prescripti") == {"a-propos/"}  # the page that says the same for the whole site is one
    # What every jalon no campaign assessed says (no campaign yet: all 67), and every jalon to come: not 67 results.
    assert pages_with("n'a encore porté sur ce jalon") == set() and pages_with("pas encore publiée") == set()
    sections = {doc["title"] for doc in docs if doc["location"].startswith("jalons/")}  # of fiches and jalons to come
    assert "Pourquoi ce jalon?" in sections
    assert not sections & {"Citer cette fiche", "Contribuer à cette fiche", "Jalons liés", "À propos", "Cité par",
                           "Historique des versions"}
    assert pages_with("première version publiée") == {"nouveautes/"}  # each version, once: a news item
    # A table's cells are words apart: a key of the format's reference is found by its name.
    reference = " ".join(re.sub(r"<[^>]+>", " ", doc["text"]) for doc in docs
                         if doc["location"].startswith("contribuer/format/"))
    assert "Clé Valeur attendue Obligatoire Rôle" in " ".join(reference.split())
    assert re.search(r"(?<!\S)numero(?!\S)", reference)
    head = next(doc["text"] for doc in docs if doc["location"] == "jalons/22/")  # the fiche's title and statement
    assert fiche.titre in head and "À mobiliser" not in head  # the key facts are told again below


def test_a_current_versions_page_made_from_its_fiches_is_the_page_the_theme_renders(graph_site, tmp_path):
    """The permanent page of each fiche's current version is made from the fiche's finished page (site/derived.py):
    it is the page MkDocs renders for that address (derive_versions: false), but for blank space."""
    from conftest import FIXTURES, add_licence, copy_project, mkdocs_build

    project = copy_project(tmp_path / "projet")
    shutil.copy(FIXTURES / "graphe" / "23-fiche-d-essai.yml", project / "content" / "jalons")
    shutil.copytree(FIXTURES / "evaluations", project / "content" / "evaluations")
    add_licence(project / "content")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "      content_dir: content\n", "      content_dir: content\n      derive_versions: false\n"), encoding="utf-8")
    result = mkdocs_build(project)  # with the PDFs, as graph_site: each page links its fiche's
    assert result.returncode == 0, result.stderr
    rendered = sorted((project / "site").glob("jalons/*/[0-9][0-9][0-9][0-9]-[0-9][0-9]/index.html"))
    made = sorted(graph_site.glob("jalons/*/[0-9][0-9][0-9][0-9]-[0-9][0-9]/index.html"))
    assert [path.relative_to(project / "site") for path in rendered] == [path.relative_to(graph_site) for path in made]
    assert len(made) == 2  # fiches 22 and 23, each at its current version; 22 assessed: its level block is left out
    for theirs, ours in zip(rendered, made):
        assert re.sub(r"\s+", " ", ours.read_text(encoding="utf-8")) == \
            re.sub(r"\s+", " ", theirs.read_text(encoding="utf-8")), ours


def test_a_generated_pages_title_is_the_one_its_front_matter_gives_the_theme():
    """The version page made from its fiche's (site/derived.py) takes the title the page carries: the one MkDocs
    reads from the front matter, spaced and escaped alike."""
    from jalons.site.metadata import front_matter_text
    from jalons.site.pageparts import PageParts

    for title in ["Jalon 22 — Réseaux « ok » : x", 'a "b" & <c>', "l'économie"]:
        parts = PageParts()
        parts.set_front_matter(title, "description", search={"exclude": True})
        assert parts.title == parts.meta["title"] == \
            yaml.safe_load(front_matter_text(parts.meta).strip().strip("-"))["title"]
