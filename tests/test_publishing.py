"""Publishing: version history from git, /nouveautes/, the Atom feed, PDF fiches, open data,
sharing metadata and reproducible builds, on real builds."""

from __future__ import annotations

import csv
import filecmp
import io
import json
import re
import shutil
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import ROOT, article_text, as_read, built_once, git, git_project, mkdocs_build, page_jsonld, run
from pypdf import PdfReader
from ruamel.yaml import YAML
from test_fiche22 import SCALE_LABELS, seed_passages

pytestmark = pytest.mark.lent  # real builds, from git histories

FICHE = "content/jalons/22-reseaux-de-collaboration.yml"
ATOM = "{http://www.w3.org/2005/Atom}"
NEW_LEVER = "Un levier ajouté en janvier 2026, pour l'essai."


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture(scope="module")
def versioned(tmp_path_factory) -> Path:
    """Fiche 22 committed in July 2025, then a January 2026 version with one lever added, an item
    reworded, committed too; the site built from that history (once a run)."""
    def build(folder: Path) -> None:
        project = git_project(folder / "projet")
        fiche = project / FICHE
        edit(fiche, "version: '2025-07'", "version: '2026-01'")
        edit(fiche, "\nfacilitateurs:", f"  - {NEW_LEVER}\n\nfacilitateurs:")
        edit(fiche, "peuvent\n    également nuire", "peuvent\n    aussi nuire")
        git(project, "commit", "--quiet", "-am", "Fiche 22, version de janvier 2026", date="2026-01-20T09:30:00+00:00")
        result = mkdocs_build(project)
        assert result.returncode == 0, result.stderr

    return built_once(tmp_path_factory, "versions", build) / "projet"


def test_fiche_shows_the_new_version_and_keeps_the_old_one(versioned):
    page = versioned / "site/jalons/22/index.html"
    text = article_text(page)
    assert as_read("Version : janvier 2026") in text
    history = [as_read(li.get_text()) for li in soup(page).select("ul.jalon-historique > li")]
    assert len(history) == 2
    assert history[0].startswith("janvier 2026 (version actuelle)")
    assert history[1] == as_read("juillet 2025 : première version publiée")
    assert as_read(f"Comment pourrait-on s'y rendre?, ajouté : {NEW_LEVER}") in history[0]
    assert as_read("Qu'est-ce qui peut freiner sa mise en œuvre?, reformulé : La fragmentation des initiatives") in history[0]
    assert as_read("peuvent aussi nuire") in history[0] and "(avant : La fragmentation" in history[0]
    # Exactly what changed: the lever added and the item reworded; nothing kept as it was.
    changes = [as_read(li.get_text()).split(" : ")[0] for li in
               soup(page).select("ul.jalon-historique > li:first-child .jalon-historique__changements > li")]
    assert changes == [as_read("Comment pourrait-on s'y rendre?, ajouté"),
                       as_read("Qu'est-ce qui peut freiner sa mise en œuvre?, reformulé")]


def test_each_version_has_its_permanent_address_with_its_own_text(versioned):
    site = versioned / "site"
    old, new = site / "jalons/22/2025-07/index.html", site / "jalons/22/2026-01/index.html"
    old_text, new_text = article_text(old), article_text(new)
    # The old version's text as it was: the passage reworded since, without the lever added since.
    assert as_read("peuvent également nuire") in old_text and as_read(NEW_LEVER) not in old_text.split("Dans la version")[0]
    assert as_read("peuvent aussi nuire") in new_text and as_read(NEW_LEVER) in new_text
    assert as_read("Version : juillet 2025") in old_text and as_read("Version : janvier 2026") in new_text
    # The old one says it was replaced, links to the current fiche, and says what changed since.
    notice = soup(old).select_one(".jalon-version-passee")
    assert as_read("ce n'est pas la version actuelle") in as_read(notice.get_text())
    assert notice.find("a", string=re.compile("version actuelle"))["href"] == "../"
    assert as_read(f"Comment pourrait-on s'y rendre?, ajouté : {NEW_LEVER}") in as_read(notice.get_text())
    assert soup(old).select(".jalon-pdf, .jalon-formulaire") == []  # the PDF and the form are the current fiche's
    assert soup(new).select_one(".jalon-version-passee") is None
    assert soup(new).select_one(".jalon-version-permanente") is not None
    # Linked from each other and from « Historique des versions » of the fiche.
    def version_links(page: Path) -> dict[str, str]:
        return {a.get_text(): a["href"] for a in soup(page).select("ul.jalon-historique > li > strong > a")}
    assert version_links(site / "jalons/22/index.html") == {"janvier 2026": "2026-01/", "juillet 2025": "2025-07/"}
    assert version_links(old) == {"janvier 2026": "../2026-01/"}
    assert version_links(new) == {"juillet 2025": "../2025-07/"}
    assert soup(old).select_one("ul.jalon-historique [aria-current=page]").get_text() == "juillet 2025"
    # Each version page is its own canonical address; none is in the site's search or the sitemap.
    assert soup(old).select_one("link[rel=canonical]")["href"] == "https://rrecq.github.io/fiches-jalons/jalons/22/2025-07/"
    index = json.loads((site / "search/search_index.json").read_text(encoding="utf-8"))
    assert [doc["location"] for doc in index["docs"] if "2025-07" in doc["location"] or "2026-01" in doc["location"]] == []
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert "/jalons/22/</loc>" in sitemap and "/2025-07/" not in sitemap and "/2026-01/" not in sitemap


def test_news_page_lists_every_version_newest_first(versioned):
    headings = [h.get_text(strip=True).rstrip("¶") for h in soup(versioned / "site/nouveautes/index.html").select("article h3")]
    assert headings == ["janvier 2026 — Jalon 22", "juillet 2025 — Jalon 22"]
    assert as_read(NEW_LEVER) in article_text(versioned / "site/nouveautes/index.html")
    permanent = [a["href"] for a in soup(versioned / "site/nouveautes/index.html").select("article a")
                 if a.get_text() == "cette version, à son adresse permanente"]
    assert permanent == ["../jalons/22/2026-01/", "../jalons/22/2025-07/"]


def test_feed_is_atom_with_an_entry_per_version(versioned):
    root = ET.parse(versioned / "site/feed.xml").getroot()
    assert root.tag == f"{ATOM}feed"
    for name in ("id", "title", "updated", "author"):
        assert root.find(f"{ATOM}{name}") is not None, name
    entries = root.findall(f"{ATOM}entry")
    assert len(entries) == 2
    for entry in entries:
        for name in ("id", "title", "updated", "summary"):
            assert (entry.find(f"{ATOM}{name}").text or "").strip(), name
    # Each entry links to the permanent address of its version.
    assert [entry.find(f"{ATOM}link").get("href") for entry in entries] == [
        "https://rrecq.github.io/fiches-jalons/jalons/22/2026-01/", "https://rrecq.github.io/fiches-jalons/jalons/22/2025-07/"]
    assert entries[0].find(f"{ATOM}updated").text == "2026-01-20T09:30:00Z"
    assert as_read(NEW_LEVER) in as_read(entries[0].find(f"{ATOM}summary").text)  # spaced as on the site
    assert root.find(f"{ATOM}updated").text == "2026-01-20T09:30:00Z"
    assert len({entry.find(f"{ATOM}id").text for entry in entries}) == 2


def test_every_page_announces_the_feed(built_site):
    for page in built_site.rglob("*.html"):
        links = soup(page).select('link[rel="alternate"][type="application/atom+xml"]')
        assert len(links) == 1, page


def test_shallow_clone_builds_from_the_yaml_alone(versioned, tmp_path):
    clone = tmp_path / "clone"
    result = run(["git", "clone", "--quiet", "--depth", "1", f"file://{versioned}", str(clone)], cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    build = mkdocs_build(clone)
    assert build.returncode == 0, build.stderr
    assert "Avertissement" in build.stderr and "superficiel" in build.stderr
    assert "Version : janvier 2026" in article_text(clone / "site/jalons/22/index.html")


def pdf_text(path: Path) -> str:
    text = "\n".join(page.extract_text() for page in PdfReader(path).pages)
    # A line may break after the hyphen of a compound (« PME-/Montréal »): that is layout, not text.
    text = re.sub(r"(\w-)\n(?=\w)", r"\1", text)
    return as_read(text)


def test_pdf_holds_every_passage_of_the_seed(built_site):
    page = soup(built_site / "jalons/22/index.html")
    link = page.find("a", string="Télécharger la fiche (PDF)")
    assert link["href"] == "fiche-jalon-22.pdf"
    text = pdf_text(built_site / "jalons/22/fiche-jalon-22.pdf")
    missing = [passage for passage in seed_passages() if as_read(passage) not in text]
    assert missing == []
    for label in SCALE_LABELS:
        assert label in text
    assert as_read("Version : juillet 2025") in text and as_read("Niveau actuel : non évalué") in text


def structure_types(node, found: list[str]) -> list[str]:
    """The structure types of a tagged PDF's tree (/H1, /P, /L…), in reading order."""
    import pikepdf

    if isinstance(node, pikepdf.Dictionary) and "/S" in node:
        found.append(str(node.S))
    children = node.get("/K") if isinstance(node, pikepdf.Dictionary) else None
    for child in children if isinstance(children, pikepdf.Array) else [children] if children is not None else []:
        structure_types(child, found)
    return found


def test_the_pdf_is_tagged_for_screen_readers_and_says_where_it_lives(built_site):
    """A tagged PDF as SGQRI 008 asks of downloadable documents, read back by pikepdf (qpdf)."""
    import pikepdf

    path = built_site / "jalons/22/fiche-jalon-22.pdf"
    with pikepdf.open(path) as pdf:
        root = pdf.Root
        assert root.MarkInfo.Marked is True
        assert str(root.Lang) == "fr-CA"
        assert root.ViewerPreferences.DisplayDocTitle is True
        assert str(pdf.docinfo.Title) == "Jalon 22 — Réseaux de collaboration pour des chaînes de valeur circulaires"
        kinds = structure_types(root.StructTreeRoot, [])
        assert kinds.count("/H1") == 1 and kinds.count("/H2") >= 8 and "/L" in kinds and "/LI" in kinds and "/P" in kinds
        assert kinds.index("/H1") < kinds.index("/H2")  # the title is read first
        with pdf.open_outline() as outline:
            [title] = outline.root
            sections = [as_read(item.title) for item in title.children]
    assert title.title == "Réseaux de collaboration pour des chaînes de valeur circulaires"
    assert sections[:2] == [as_read("Pourquoi ce jalon?"), as_read("Niveau d'avancement")] and as_read("À propos") in sections
    assert "https://rrecq.github.io/fiches-jalons/jalons/22/2025-07/" in pdf_text(path).replace("\n", "")


def marked_texts(page) -> list[tuple[str, str]]:
    """Each text of a PDF page with the marked content it stands in (« /Artifact /Pagination », « /P »…), as
    pypdf decodes it."""
    open_marks, texts = [], []

    def before(operator, operands, *_):
        if operator in (b"BDC", b"BMC"):
            properties = operands[1] if operator == b"BDC" else {}
            kind = str(properties.get("/Type", "")) if hasattr(properties, "get") else ""
            open_marks.append(f"{operands[0]} {kind}".strip())
        elif operator == b"EMC" and open_marks:
            open_marks.pop()

    def text(value, *_):
        if value.strip():
            texts.append((open_marks[-1] if open_marks else "", " ".join(value.split())))  # as `as_read` folds

    page.extract_text(visitor_operand_before=before, visitor_text=text)
    return texts


def test_the_pdfs_running_footer_is_an_artifact_a_screen_reader_skips(built_site):
    """PDF/UA (Matterhorn 18): the running footer and page numbers are pagination artifacts on every page,
    and everything else that is marked has its place in the structure tree."""
    import pikepdf

    path = built_site / "jalons/22/fiche-jalon-22.pdf"
    reader = PdfReader(path)
    footer = as_read("RRECQ — Fiche jalon 22 — version : juillet 2025 — info@rrecq.ca")
    for number, page in enumerate(reader.pages, start=1):
        texts = marked_texts(page)
        artifacts = [value for mark, value in texts if mark == "/Artifact /Pagination"]
        assert artifacts == [footer, f"page {number} / {len(reader.pages)}"], texts
        assert not [value for mark, value in texts if mark != "/Artifact /Pagination" and value in artifacts]
    with pikepdf.open(path) as pdf:
        tree = pdf.Root.StructTreeRoot
        reachable, pending = set(), [tree.K]
        while pending:
            node = pending.pop()
            if isinstance(node, pikepdf.Array):
                pending.extend(node)
            elif isinstance(node, pikepdf.Dictionary) and "/S" in node:
                reachable.add(node.objgen)
                pending.append(node.get("/K"))
        nums = tree.ParentTree.Nums
        parents = {int(nums[index]): nums[index + 1] for index in range(0, len(nums), 2)}
        for page in pdf.pages:
            elements = parents[int(page.obj.StructParents)]
            for operands, operator in pikepdf.parse_content_stream(page):
                if str(operator) == "BDC" and isinstance(operands[1], pikepdf.Dictionary) and "/MCID" in operands[1]:
                    assert elements[int(operands[1].MCID)].objgen in reachable  # no orphan left


def test_unchanged_content_does_not_remake_the_pdf(project):
    """In-process, through the site's entry point (the plugin passes its cache folder the same way)."""
    from jalons.site.build import build_site

    cache = project / ".cache/jalons-pdf"
    first = build_site(project / "content", pdf_cache_dir=cache)
    assert first.pdfs_made == 1
    cached = list(cache.glob("*.pdf"))
    assert len(cached) == 1 and first.files["jalons/22/fiche-jalon-22.pdf"] == cached[0]
    made_at = cached[0].stat().st_mtime_ns
    second = build_site(project / "content", pdf_cache_dir=cache)
    assert second.pdfs_made == 0 and cached[0].stat().st_mtime_ns == made_at
    edit(project / FICHE, "titre: Réseaux de collaboration", "titre: Réseaux renouvelés de collaboration")
    third = build_site(project / "content", pdf_cache_dir=cache)
    assert third.pdfs_made == 1
    assert "Réseaux renouvelés de collaboration" in pdf_text(third.files["jalons/22/fiche-jalon-22.pdf"])
    assert len(list(cache.glob("*.pdf"))) == 1  # the stale one is gone


def test_pdf_can_be_switched_off(project):
    result = mkdocs_build(project, env={"JALONS_PDF": "false"})
    assert result.returncode == 0, result.stderr
    assert not (project / "site/jalons/22/fiche-jalon-22.pdf").exists()
    assert "Télécharger la fiche (PDF)" not in article_text(project / "site/jalons/22/index.html")


def test_open_data_matches_the_yaml(built_site):
    fiche = YAML(typ="safe").load((ROOT / FICHE).read_text(encoding="utf-8"))
    jalons = json.loads((built_site / "donnees/jalons.json").read_text(encoding="utf-8"))
    record = next(item for item in jalons if item["numero"] == 22)
    for key in ("pourquoi", "leviers", "facilitateurs", "freins", "questions", "mobiliser", "ressources"):
        assert record[key] == fiche[key], key
    assert record["titre"] == fiche["titre"] and record["version"] == "2025-07" and "avancement" not in record
    rows = list(csv.DictReader(io.StringIO((built_site / "donnees/jalons.csv").read_text(encoding="utf-8-sig"))))
    row = next(row for row in rows if row["numero"] == "22")
    assert row["leviers"].split(" | ") == fiche["leviers"]
    assert row["pivot"] == "non" and row["url"] == "jalons/22/"
    ressources = {item["id"]: item for item in json.loads((built_site / "donnees/ressources.json").read_text(encoding="utf-8"))}
    assert ressources["la-ruche"]["auteur"] == "La Ruche" and ressources["la-ruche"]["cite_par"] == [22]
    assert ressources["ceriec"]["url"] is None


def test_open_data_page_documents_every_field(built_site):
    text = article_text(built_site / "donnees/index.html")
    for field in ("numero", "titre", "enonce", "leviers", "version", "historique", "url", "cite_par", "annee"):
        assert field in text, field


def test_fiche_has_sharing_and_search_metadata(built_site):
    head = soup(built_site / "jalons/22/index.html").head
    description = head.find("meta", attrs={"name": "description"})["content"]
    assert description.startswith("Dans la plupart des filières et territoires")
    assert head.find("meta", property="og:title")["content"] == \
        "Jalon 22 — Réseaux de collaboration pour des chaînes de valeur circulaires"
    assert head.find("meta", attrs={"name": "twitter:card"})["content"] == "summary_large_image"
    canonical = head.find("link", rel="canonical")["href"]
    assert canonical == "https://rrecq.github.io/fiches-jalons/jalons/22/"
    data = page_jsonld(built_site / "jalons/22/index.html")
    # The JSON-LD describes what is cited: the version, at its permanent address.
    assert data["@type"] == "CreativeWork" and data["version"] == "2025-07" and data["url"] == canonical + "2025-07/"
    assert len(data["dateModified"]) == 10
    sitemap = (built_site / "sitemap.xml").read_text(encoding="utf-8")
    assert "https://rrecq.github.io/fiches-jalons/jalons/22/" in sitemap


def test_two_builds_of_one_commit_are_byte_identical(tmp_path):
    project = git_project(tmp_path / "projet")
    first = mkdocs_build(project, tmp_path / "premier")
    shutil.rmtree(project / ".cache")  # the second build makes its PDF anew
    second = mkdocs_build(project, tmp_path / "second")
    assert first.returncode == second.returncode == 0, first.stderr + second.stderr
    assert "PDF : 1 fait(s), 0 repris du cache" in second.stderr  # the plugin says what the cache saved
    differences = []

    def compare(comparison: filecmp.dircmp) -> None:
        differences.extend(comparison.left_only + comparison.right_only + comparison.diff_files)
        for sub in comparison.subdirs.values():
            compare(sub)

    compare(filecmp.dircmp(tmp_path / "premier", tmp_path / "second"))
    assert differences == []
    files = sorted(p.relative_to(tmp_path / "premier") for p in (tmp_path / "premier").rglob("*") if p.is_file())
    assert len(files) > 20
    for name in files:
        assert (tmp_path / "premier" / name).read_bytes() == (tmp_path / "second" / name).read_bytes(), name


def test_export_builds_without_the_plugin(project, tmp_path):
    """`jalons export` writes a whole project (configuration, Markdown pages, data, theme) that MkDocs +
    Material build without the plugin."""
    from conftest import jalons_command

    export = tmp_path / "export"
    result = jalons_command("export", str(export), "--sans-pdf", cwd=project)
    assert result.returncode == 0, result.stderr
    docs = export / "docs"
    for page in ("index.md", "contribuer.md", "jalons/index.md", "jalons/22/index.md", "jalons/25/index.md",
                 "donnees/jalons.json", "feed.xml", "assets/javascripts/jalons-contribuer.js",
                 "assets/stylesheets/jalons.css"):
        assert (docs / page).is_file(), page
    assert "La carte des jalons" in (docs / "index.md").read_text(encoding="utf-8")
    config = (export / "mkdocs.yml").read_text(encoding="utf-8")
    assert "jalons" not in config.split("plugins:")[1].split("markdown_extensions:")[0]
    assert "- Jalons: jalons/index.md" in config and "language: fr" in config
    build = run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=export)
    assert build.returncode == 0, build.stderr
    assert "chaînes de valeur circulaires" in article_text(export / "site/jalons/22/index.html")
    # Headings are Markdown again in the export: the engine's table of contents lists them, same anchors.
    fiche = (docs / "jalons/22/index.md").read_text(encoding="utf-8")
    assert "\n## Pourquoi ce jalon\u202f?\n" in fiche
    # Real Markdown for prose: headings, paragraphs, list items and links are not HTML; the form stays HTML.
    assert "<form" in fiche
    assert re.findall(r"<(?:h[1-6]|p|em|strong)\b", fiche.split("Contribuer à cette fiche")[0]) == []
    assert "[jalon 25](../25/index.md)" in fiche and "\n- Créer des comités intersectoriels" in fiche
    description = fiche.split("---")[1]
    assert "d'économie" in description and "&#" not in description  # the source text, no entity
    exported = (export / "site/jalons/22/index.html").read_text(encoding="utf-8")
    assert 'href="#comment-pourrait-on-sy-rendre"' in exported and 'id="comment-pourrait-on-sy-rendre"' in exported


def test_a_past_version_page_passes_axe_at_both_widths(versioned, browser):
    """The page of a replaced version (its notice, what changed since) is checked like every page type."""
    from conftest import served, tab_at
    from tour import axe_violations

    with served(versioned / "site") as url:
        for width in (1280, 390):
            with tab_at(browser, url, "jalons/22/2025-07/", width) as tab:
                assert tab.locator(".jalon-version-passee").is_visible()
                tab.locator(".jalon-version-passee__depuis summary").click()  # what changed since, unfolded
                assert tab.locator(".jalon-version-passee__depuis").get_attribute("open") is not None
                assert (width, axe_violations(tab)) == (width, [])


def test_the_build_is_quiet_about_pages_out_of_the_navigation_on_purpose(built_site, built_site_log):
    """The generated pages that the navigation leaves out on purpose (each fiche, each version, each group…)
    are not listed one by one; the build says nothing it would want someone to act on."""
    assert (built_site / "jalons/22/index.html").is_file()
    assert "not included in the" not in built_site_log
    assert "  - jalons/" not in built_site_log  # MkDocs' list of such pages, one per line
    assert [line for line in built_site_log.splitlines() if line.startswith(("WARNING", "ERROR"))] == []


def test_one_language_tag_everywhere(built_site):
    """The pages, the PDF, the feed, the data, the JSON-LD and the citations name the same language."""
    import pikepdf

    from jalons.content.model import LANGUE

    found = {}
    for page in [built_site / "404.html", *sorted(built_site.rglob("index.html"))]:
        found[f"<html lang> {page.relative_to(built_site)}"] = BeautifulSoup(
            page.read_text(encoding="utf-8"), "html.parser").html["lang"]
    head = BeautifulSoup((built_site / "jalons/22/index.html").read_text(encoding="utf-8"), "html.parser").head
    for name in ("citation_language", "DC.language"):
        found[name] = head.find("meta", attrs={"name": name})["content"]
    found["JSON-LD"] = page_jsonld(built_site / "jalons/22/index.html")["inLanguage"]
    found["Atom"] = ET.parse(built_site / "feed.xml").getroot().get("{http://www.w3.org/XML/1998/namespace}lang")
    found["datapackage"] = json.loads((built_site / "donnees/datapackage.json").read_text(encoding="utf-8"))["language"]
    with pikepdf.open(built_site / "jalons/22/fiche-jalon-22.pdf") as pdf:
        found["PDF /Lang"] = str(pdf.Root.Lang)
    citations = built_site / "jalons/22/2025-07"
    found["CSL-JSON"] = json.loads(next(citations.glob("*.csl.json")).read_text(encoding="utf-8"))[0]["language"]
    found["RIS LA"] = re.search(r"^LA  - (.*?)\r?$", next(citations.glob("*.ris")).read_text(encoding="utf-8"), re.M)[1]
    assert len(found) > 80
    assert {where: tag for where, tag in found.items() if tag != LANGUE} == {}
