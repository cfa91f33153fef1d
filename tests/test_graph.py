"""The knowledge graph on a real strict build: cross-links, backlinks, placeholders and directories."""

from __future__ import annotations

import posixpath
from pathlib import Path
from urllib.parse import urldefrag, urlsplit

import pytest
from bs4 import BeautifulSoup
from conftest import article_text, as_read, site_path

pytestmark = pytest.mark.lent  # a site built with a second fiche

SITE_PATH = site_path()
TITRE_22 = "Réseaux de collaboration pour des chaînes de valeur circulaires"
TITRE_23 = "Fiche d'essai qui cite la fiche 22"


def soup_of(site: Path, url: str) -> BeautifulSoup:
    return BeautifulSoup((site / url / "index.html").read_text(encoding="utf-8"), "html.parser")


def article_links(site: Path, url: str) -> dict[str, str]:
    """Link text -> href in the page's main content."""
    return {as_read(a.get_text()): a["href"] for a in soup_of(site, url).select("article a[href]")}


def test_23_links_to_22(graph_site):
    links = article_links(graph_site, "jalons/23")
    assert links["jalon 22"] == "../22/"
    assert links["jalon 41"] == "../41/"


def test_22_shows_23_among_its_linked_jalons(graph_site):
    related = soup_of(graph_site, "jalons/22").select("ul.jalon-lies li")
    texts = [as_read(li.get_text()) for li in related]
    assert as_read(f"Jalon 23 — {TITRE_23} (cite cette fiche)") in texts
    assert "Jalon 25 — fiche à venir (cité par cette fiche)" in texts
    assert {li.a["href"] for li in related} == {"../23/", "../25/"}


def test_41_is_a_placeholder_naming_23(graph_site):
    text = article_text(graph_site / "jalons/41/index.html")
    assert "Jalon 41 · fiche à venir" in text and as_read("La fiche de ce jalon n'est pas encore publiée.") in text
    assert article_links(graph_site, "jalons/41")[as_read(f"Jalon 23 — {TITRE_23}")] == "../23/"


def test_25_names_22(graph_site):
    assert article_links(graph_site, "jalons/25")[f"Jalon 22 — {TITRE_22}"] == "../22/"


def test_shared_resource_lists_both_fiches(graph_site):
    entry = soup_of(graph_site, "ressources").select_one("li#la-ruche")
    cited_by = {a["href"] for a in entry.select("a")}
    assert cited_by == {"../jalons/22/", "../jalons/23/"}
    # Resources cited only in the text of a fiche are listed with it too.
    assert {a["href"] for a in soup_of(graph_site, "ressources").select_one("li#ceriec").select("a")} == {"../jalons/22/"}


def test_resources_are_grouped_by_type(graph_site):
    headings = [h.get_text(strip=True).rstrip("¶") for h in soup_of(graph_site, "ressources").select("article h2")]
    assert headings == ["Organisations", "Programmes", "Publications", "Plateformes"]


def test_shared_stakeholder_page_lists_both_fiches_and_their_levers(graph_site):
    text = article_text(graph_site / "parties-prenantes/milieu-affaires-travail/index.html")
    assert as_read(f"Jalon 22 — {TITRE_22}") in text and as_read(f"Jalon 23 — {TITRE_23}") in text
    assert as_read("Un levier d'essai, qui prépare le jalon 41.") in text
    assert "Organiser des consortiums réunissant entreprises privées" in text  # a lever of fiche 22
    other = article_text(graph_site / "parties-prenantes/developpement-territorial/index.html")
    assert f"Jalon 22 — {TITRE_22}" in other and "Jalon 23" not in other
    index = article_text(graph_site / "parties-prenantes/index.html")
    assert "Milieu des affaires et du travail · 2 fiches" in index
    assert "Organismes de développement territorial · 1 fiche" in index


def test_fiche_links_its_stakeholder_groups(graph_site):
    links = article_links(graph_site, "jalons/22")
    assert links["Milieu des affaires et du travail"] == "../../parties-prenantes/milieu-affaires-travail/"


def test_progress_overview_counts_each_level(graph_site):
    rows = {}
    for row in soup_of(graph_site, "avancement").select("table.jalons-avancement tbody tr"):
        cells = row.find_all(["th", "td"])
        rows[cells[0].get_text(strip=True)] = (int(cells[1].get_text(strip=True).split()[0]), cells[2].get_text(strip=True))
    # Every jalon at its latest assessment, with a fiche or not (the fixture campaigns: 22 and 23, then 41).
    assert rows["On est en route"] == (2, "22,23")
    assert rows["On est au point mort"] == (1, "41")
    assert rows["Mauvaise direction"] == (0, "aucun")
    assert rows["Non évalué"][0] == 64
    assert sum(count for count, _ in rows.values()) == 67


def test_index_lists_all_67_jalons_in_order(graph_site):
    items = soup_of(graph_site, "jalons").select("li.jalons-index__item")
    assert [int(li["value"]) for li in items] == list(range(1, 68))
    item_23 = items[22]
    assert item_23["data-pivot"] == "oui" and item_23["data-avancement"] == "en-route"
    assert "jalon pivot" in item_23.get_text() and "milieu-affaires-travail" in item_23["data-mobiliser"].split()
    # The published fiches, set apart first, say whom to mobilise.
    card_23 = soup_of(graph_site, "jalons").select(".jalons-publiee")[1]
    assert card_23.find("a")["href"] == "23/" and "Milieu des affaires et du travail" in card_23.get_text()
    # Every jalon has its page, so every row links to it.
    assert "fiche à venir" in items[0].get_text() and items[0].find("a")["href"] == "1/"


def test_map_has_67_cells_with_accessible_links(graph_site):
    svg = soup_of(graph_site, "").select_one(".jalons-carte__cadre > svg")
    cells = svg.select(".jalons-carte__case")
    assert len(cells) == 67
    links = {as_read(a["aria-label"]): a["href"] for a in svg.select("a")}
    assert len(links) == 67  # every hexagon leads to its jalon's page
    assert links[as_read(f"Jalon 22 — {TITRE_22} · avancement : On est en route")] == "jalons/22/"
    assert links[as_read(f"Jalon 23 — {TITRE_23} (jalon pivot) · avancement : On est en route")] == "jalons/23/"
    assert links["Jalon 25 — fiche à venir"] == "jalons/25/" and links["Jalon 1 — fiche à venir"] == "jalons/1/"
    states = {a["aria-label"].split(" —")[0]: a["class"] for a in svg.select("a")}
    assert "jalons-carte__case--cite" in states["Jalon 41"] and "jalons-carte__case--a-venir" in states["Jalon 1"]
    # Published, cited and to-come cells differ by shape details, not colour alone.
    assert len(svg.select(".jalons-carte__case--pivot .jalons-carte__pivot")) == 1


def test_no_internal_link_leads_to_a_missing_page_or_anchor(graph_site):
    checked = 0
    for page in graph_site.rglob("*.html"):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        page_url = page.relative_to(graph_site).as_posix()
        for anchor in soup.find_all("a", href=True):
            href = anchor["href"]
            if urlsplit(href).scheme or href.startswith("//"):
                continue
            path, fragment = urldefrag(href)
            if path.startswith("/"):  # 404.html links from the site's root path (that of site_url)
                assert path.startswith(SITE_PATH), (page_url, href)
                base, path = "", path[len(SITE_PATH):]
            else:
                base = posixpath.dirname(page_url)
            target = posixpath.normpath(posixpath.join(base, path)) if path else page_url
            target_file = graph_site / target
            if target_file.is_dir():
                target_file = target_file / "index.html"
            assert target_file.is_file(), (page_url, href)
            if fragment:
                ids = {tag["id"] for tag in BeautifulSoup(target_file.read_text(encoding="utf-8"), "html.parser")
                       .find_all(id=True)}
                assert fragment in ids, (page_url, href)
            checked += 1
    assert checked > 100
