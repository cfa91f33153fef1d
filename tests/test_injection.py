"""No text in a YAML file can put markup or script into a page: it is shown as text, escaped."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import article_text, as_read, mkdocs_build, run
from ruamel.yaml import YAML

pytestmark = pytest.mark.lent  # hostile content built by MkDocs and Zensical

HOSTILE = ('<script>alert("s")</script> <img src=x onerror=alert(1)> <iframe src="javascript:alert(2)"></iframe> '
           '<a href="javascript:alert(3)">a</a> {{ 7*7 }} *gras* {: onclick=alert(4) } &lt;b&gt;')
HOSTILE_URL = "https://exemple.org/?a=1&b='onmouseover=alert(5)'"


URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "srcset"}


def write_yaml(path: Path, data: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as stream:
        YAML().dump(data, stream)


@pytest.fixture(scope="module", params=["mkdocs", "zensical"])
def hostile_site(request, tmp_path_factory) -> Path:
    """The hostile content built by MkDocs with the plugin, and exported (Markdown) then built by Zensical:
    text that was escaped in HTML must stay text once written as Markdown."""
    from conftest import built_once, copy_project, installed_command, jalons_command

    zensical = installed_command("zensical", "zensical") if request.param == "zensical" else None

    def build(folder: Path) -> None:
        project = copy_project(folder / "projet")
        content = project / "content"
        for old in [*content.glob("jalons/*.yml"), *content.glob("ressources/*.yml")]:
            old.unlink()
        write_yaml(content / "feuille-de-route.yml", {
            "nom": HOSTILE, "organisation": HOSTILE, "sigle": HOSTILE, "nombre_jalons": 67,
            "contact": "info@rrecq.ca",
            "echelle": [{"id": "bas", "libelle": HOSTILE}, {"id": "haut", "libelle": HOSTILE}],
            "parties_prenantes": [{"id": "tous", "nom": HOSTILE}],
            "a_propos": HOSTILE,
        })
        write_yaml(content / "ressources" / "piege.yml", {
            "titre": HOSTILE, "auteur": HOSTILE, "type": "outil", "url": HOSTILE_URL, "description": HOSTILE})
        write_yaml(content / "jalons" / "22-piege.yml", {
            "numero": 22, "titre": HOSTILE, "enonce": HOSTILE, "mobiliser": ["tous"],
            **{key: [HOSTILE, f"Voir le [jalon 5](jalon:5) et [la ressource](ressource:piege). {HOSTILE}"]
               for key in ("pourquoi", "leviers", "facilitateurs", "freins", "questions")},
            "ressources": ["piege"], "version": "2025-07",
            "historique": [{"version": "2025-01", "resume": HOSTILE}],
        })
        # An assessment campaign whose every text is hostile too (a jalon with its fiche, one without).
        write_yaml(content / "evaluations" / "2026-01.yml", {
            "titre": HOSTILE, "methode": HOSTILE,
            "jalons": {str(numero): {"niveau": "haut", "justification": f"{HOSTILE} [jalon 5](jalon:5)",
                                     "preuves": [HOSTILE]} for numero in (22, 5)}})
        if request.param == "zensical":
            export = project.parent / "export"
            result = jalons_command("export", str(export), "--sans-pdf", cwd=project)
            assert result.returncode == 0, result.stderr
            result = run([zensical, "build", "--strict"], cwd=export)
            assert result.returncode == 0, result.stderr + result.stdout
            return
        result = mkdocs_build(project)
        assert result.returncode == 0, result.stderr

    built = built_once(tmp_path_factory, f"hostile-{request.param}", build)
    return built / ("export" if request.param == "zensical" else "projet") / "site"


def pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def test_no_injected_element_or_attribute_anywhere(hostile_site):
    assert len(pages(hostile_site)) >= 5
    for page in pages(hostile_site):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        assert not soup.find_all("iframe"), page
        assert not soup.find_all("img", attrs={"onerror": True}), page
        for script in soup.find_all("script"):
            if script.get("type") == "application/ld+json":
                # Content may be data there, never markup: no « < » can close the element.
                assert "<" not in script.string, page
                json.loads(script.string)
            else:
                assert "alert" not in script.get_text(), page
        for tag in soup.find_all(True):
            for name, value in tag.attrs.items():
                text = " ".join(value) if isinstance(value, list) else str(value)
                assert not name.startswith("on"), (page, tag.name, name)
                assert not text.strip().lower().startswith("javascript:"), (page, tag.name, name)
                if name in URL_ATTRIBUTES:
                    # Content text may sit whole inside a text attribute (aria-label), never in a URL.
                    assert "alert(" not in text or text == HOSTILE_URL, (page, tag.name, name, text)


def test_hostile_text_is_shown_as_text_not_dropped(hostile_site):
    text = article_text(hostile_site / "jalons" / "22" / "index.html")
    assert '<script>alert("s")</script>' in text
    assert "{{ 7*7 }}" in text and "49" not in text
    assert "onerror=alert(1)" in text
    assert as_read("{: onclick=alert(4) } &lt;b&gt;") in text  # an attribute list and an entity, as typed


def test_links_in_text_still_work(hostile_site):
    soup = BeautifulSoup((hostile_site / "jalons/22/index.html").read_text(encoding="utf-8"), "html.parser")
    hrefs = {a["href"] for a in soup.select("article a[href]")}
    assert "../5/" in hrefs and "../../ressources/#piege" in hrefs
    # A URL with quotes and ampersands stays whole inside its attribute.
    assert HOSTILE_URL in hrefs


def test_page_titles_are_text(hostile_site):
    head = BeautifulSoup((hostile_site / "jalons/22/index.html").read_text(encoding="utf-8"), "html.parser").title
    assert head.find("script") is None
    assert '<script>alert("s")</script>' in head.get_text()


def test_search_index_holds_no_markup_from_content(hostile_site):
    index_file = hostile_site / "search" / "search_index.json"
    if not index_file.exists():
        index_file = hostile_site / "search.json"  # Zensical's
    index = json.loads(index_file.read_text(encoding="utf-8"))
    for document in index.get("docs", index.get("items", [])):
        for field in ("title", "text"):
            assert "<script" not in document.get(field, ""), document["location"]
            assert "<iframe" not in document.get(field, ""), document["location"]
