"""The site builds the same with the engines that can run the `jalons` plugin.

Material for MkDocs reaches its end of life on 2027-05-05 and MkDocs 2.0 drops plugins. ProperDocs, a
continuation of MkDocs 1.x, runs the plugin unchanged: its build must equal MkDocs' but for the
generator tag, so that the RRECQ can switch engines with nothing else to change.
"""

from __future__ import annotations

import re
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from conftest import ROOT, built_once, installed_command, run

pytestmark = pytest.mark.lent  # three engines' builds

GENERATOR = re.compile(rb'<meta name="generator" content="[^"]*">')


def files_of(site: Path) -> dict[str, bytes]:
    return {path.relative_to(site).as_posix(): GENERATOR.sub(b"", path.read_bytes())
            for path in sorted(site.rglob("*")) if path.is_file()}


def test_properdocs_builds_the_same_site_as_mkdocs(built_site, tmp_path):
    properdocs = installed_command("properdocs", "properdocs")
    site = tmp_path / "site"
    result = run([properdocs, "build", "--strict", "--site-dir", str(site)], cwd=ROOT)
    assert result.returncode == 0, result.stderr
    assert b"ProperDocs" in (site / "jalons/22/index.html").read_bytes()  # the other engine did build it
    expected, built = files_of(built_site), files_of(site)
    assert sorted(built) == sorted(expected)
    assert [name for name in expected if built[name] != expected[name]] == []
    assert run([sys.executable, "-m", "jalons", "verify", str(site)], cwd=ROOT).returncode == 0


def pages_of(site: Path) -> dict[str, Path]:
    """Every HTML page of a built site, by its public URL (`jalons/22/`)."""
    return {path.parent.relative_to(site).as_posix().removeprefix(".") + "/": path
            for path in site.rglob("index.html")}


def visible_text(html_file: Path) -> str:
    """The words a reader sees in a page's content, whitespace folded."""
    soup = BeautifulSoup(html_file.read_text(encoding="utf-8"), "html.parser")
    article = soup.select_one("article")
    for hidden in article.select("a.headerlink, script, [hidden]"):
        hidden.decompose()
    return " ".join(article.get_text(" ").split())


@pytest.fixture(scope="session")
def zensical_site(built_site, tmp_path_factory) -> Path:
    """`jalons export` of the repository's site, built by Zensical (which runs no MkDocs plugin)."""
    zensical = installed_command("zensical", "zensical")
    def build(folder: Path) -> None:
        project = folder / "projet"
        result = run([sys.executable, "-m", "jalons", "export", str(project)], cwd=ROOT)
        assert result.returncode == 0, result.stderr
        result = run([zensical, "build", "--strict"], cwd=project)
        assert result.returncode == 0, result.stderr + result.stdout

    return built_once(tmp_path_factory, "zensical", build) / "projet" / "site"


def test_zensical_builds_every_page_of_the_export_with_the_same_text(built_site, zensical_site):
    expected, built = pages_of(built_site), pages_of(zensical_site)
    assert "jalons/22/" in built and "jalons/67/" in built
    assert sorted(built) == sorted(expected)
    different = {url: (visible_text(expected[url]), visible_text(built[url])) for url in expected
                 if visible_text(built[url]) != visible_text(expected[url])}
    assert different == {}


def head_titles(html_file: Path) -> dict[str, str]:
    """What a tab, a sharing card and a search result show of a page: its titles and description."""
    head = BeautifulSoup(html_file.read_text(encoding="utf-8"), "html.parser").head
    found = {"title": head.title.get_text()}
    for tag in head.find_all("meta"):
        name = tag.get("property") or tag.get("name")
        if name in {"og:title", "twitter:title", "description", "og:description"}:
            found[name] = tag.get("content")
    return found


def test_zensical_gives_every_page_the_same_titles(built_site, zensical_site):
    expected, built = pages_of(built_site), pages_of(zensical_site)
    home = head_titles(expected["/"])
    assert home["title"] == home["og:title"] == "Fiches jalons — Feuille de route 2025-2050 du RRECQ"
    different = {url: (head_titles(expected[url]), head_titles(built[url])) for url in expected
                 if head_titles(built[url]) != head_titles(expected[url])}
    assert different == {}
    assert head_titles(zensical_site / "404.html") == head_titles(built_site / "404.html")


def test_exported_front_matter_reads_as_the_source_wrote_it(zensical_site):
    """The typography is for text: `title: Accueil` stays a YAML key `title`, not `title\u00a0`."""
    docs = zensical_site.parent / "docs"
    def front_matter(path: Path) -> dict | None:
        text = path.read_text(encoding="utf-8")
        return yaml.safe_load(text[4:text.index("\n---", 4)]) if text.startswith("---\n") else None
    assert front_matter(docs / "index.md") == front_matter(ROOT / "content/pages/index.md") == \
        {"title": "Accueil", "hide": ["toc"]}
    for source in (ROOT / "content/pages").glob("*.md"):
        assert front_matter(docs / source.name) == front_matter(source)
    generated = [front_matter(path) for path in docs.rglob("*.md")]
    assert sum(matter is not None for matter in generated) > 70
    assert all(key.isascii() for matter in generated if matter for key in matter)


def test_zensical_footer_says_what_the_plugin_does(built_site, zensical_site):
    """The footer's links and licence come from the content: the plugin hands them to the theme, the export writes
    them. The repository gives no licence: none is announced, and the RRECQ's site is linked."""
    def footer(site: Path) -> tuple[list[tuple[str, str]], bool]:
        found = BeautifulSoup((site / "jalons/22/index.html").read_text(encoding="utf-8"), "html.parser").footer
        links = [(" ".join(a.get_text().split()), a["href"]) for a in found.select(".jalons-pied__liens a")]
        return links, found.select_one(".jalons-pied__licence") is not None
    assert footer(zensical_site) == footer(built_site)
    links, licence = footer(built_site)
    assert links[0] == ("Site du RRECQ", "https://rrecq.ca") and not licence


def sitemap_addresses(site: Path) -> list[str]:
    root = ET.parse(site / "sitemap.xml").getroot()
    return sorted(element.text.strip() for element in root.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc"))


def test_zensical_search_leaves_out_the_same_sections(built_site, zensical_site):
    """The sections out of the site's search (`intertitre(..., recherche=false)`) keep their exclusion in the
    export's Markdown (`{ data-search-exclude }`): Zensical's own search leaves them out too."""
    import json

    from jalons.site.typography import french

    def sections(docs: list[dict]) -> set[str]:
        return {french(doc["title"]) for doc in docs if doc["location"].startswith("jalons/22/")}
    ours = sections(json.loads((built_site / "search/search_index.json").read_text(encoding="utf-8"))["docs"])
    theirs = sections(json.loads((zensical_site / "search.json").read_text(encoding="utf-8"))["items"])
    assert "Ressources" in ours and "À propos" not in ours and "Citer cette fiche" not in ours
    assert theirs - ours <= {"Réseaux de collaboration pour des chaînes de valeur circulaires"}  # Zensical: the H1
    assert ours <= theirs


def test_zensical_sitemap_lists_the_same_pages_without_the_versions(built_site, zensical_site):
    """One template for both engines (theme/sitemap.xml) leaves out a fiche's permanent version addresses."""
    version = "jalons/22/2025-07/"
    assert (built_site / version / "index.html").is_file() and (zensical_site / version / "index.html").is_file()
    addresses = sitemap_addresses(built_site)
    assert "https://rrecq.github.io/fiches-jalons/jalons/22/" in addresses and len(addresses) > 70
    assert [address for address in addresses if address.endswith(version)] == []
    assert sitemap_addresses(zensical_site) == addresses


def test_zensical_publishes_the_same_pdfs_feed_and_data(built_site, zensical_site):
    published = [path.relative_to(built_site).as_posix() for path in built_site.rglob("*")
                 if path.suffix in {".pdf", ".json", ".csv", ".xml"} and path.parent.name != "search"
                 and path.name != "sitemap.xml"]
    assert {"feed.xml", "jalons/22/fiche-jalon-22.pdf", "donnees/jalons.json", "donnees/jalons.csv"} <= set(published)
    assert [name for name in published
            if (zensical_site / name).read_bytes() != (built_site / name).read_bytes()] == []
    assert run([sys.executable, "-m", "jalons", "verify", str(zensical_site)], cwd=ROOT).returncode == 0
