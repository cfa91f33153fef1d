"""After any accepted input, every output is read back by the parsers people use on it: the feed, the
sitemap, every page's <head>, the JSON and the CSV of /donnees/ (no cell a spreadsheet would run)."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import built_once, copy_project, mkdocs_build

from jalons.site.opendata import FORMULA_PREFIXES, neutralized

FICHE = "content/jalons/22-reseaux-de-collaboration.yml"
# Accepted, yet each one hostile to some output: spreadsheet formulas, markup, XML and YAML specials.
HOSTILE_TITLE = '=HYPERLINK("https://evil.example","clic") <script>alert(1)</script> ]]> & "guillemets"'
HOSTILE_TEXTS = ['@SUM(A1:A9) et « guillemets »', "+33 au début", "-1 pour commencer", "\\tTabulation ?",
                 "Fin --> <!-- commentaire", "Emoji 🌱 et 𝔘𝔫𝔦𝔠𝔬𝔡𝔢"]


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    def build(folder: Path) -> None:
        project = copy_project(folder / "projet")
        path = project / FICHE
        text = path.read_text(encoding="utf-8")
        text = text.replace("titre: Réseaux de collaboration pour des chaînes de valeur circulaires",
                            f"titre: {json.dumps(HOSTILE_TITLE, ensure_ascii=False)}")
        items = "".join(f"  - \"{item}\"\n" for item in HOSTILE_TEXTS)
        text = text.replace("freins:\n", "freins:\n" + items, 1)
        text += "historique:\n  - version: '2025-06'\n    resume: \"=1+1 <b>gras</b> ]]>\"\n"
        path.write_text(text, encoding="utf-8")
        result = mkdocs_build(project, env={"JALONS_PDF": "false"})
        assert result.returncode == 0, result.stderr

    return built_once(tmp_path_factory, "sorties-hostiles", build) / "projet" / "site"


def test_feed_and_sitemap_are_well_formed_xml(hostile_site):
    feed = ET.parse(hostile_site / "feed.xml").getroot()
    atom = "{http://www.w3.org/2005/Atom}"
    titles = [entry.findtext(f"{atom}title") for entry in feed.iter(f"{atom}entry")]
    assert any(HOSTILE_TITLE in title for title in titles), titles
    sitemap = ET.parse(hostile_site / "sitemap.xml").getroot()
    locations = [element.text for element in sitemap.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    assert any(location.endswith("/jalons/22/") for location in locations)


def test_feed_is_read_by_a_feed_reader(hostile_site):
    import feedparser
    parsed = feedparser.parse((hostile_site / "feed.xml").read_bytes())
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert any(HOSTILE_TITLE in entry.title for entry in parsed.entries)


def test_every_page_head_has_its_own_title_and_description(hostile_site):
    pages = sorted(hostile_site.rglob("*.html"))
    assert len(pages) > 10
    for page in pages:
        head = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").head
        assert head is not None and head.title is not None, page
        assert "---" not in head.title.get_text() and "\n" not in head.title.get_text().strip(), page
        assert not head.find("script", string="alert(1)"), page  # the title's markup stayed text
        for script in head.find_all("script", type="application/ld+json"):
            assert "<" not in script.string
            json.loads(script.string)
    fiche = BeautifulSoup((hostile_site / "jalons/22/index.html").read_text(encoding="utf-8"), "html.parser")
    assert HOSTILE_TITLE in fiche.head.title.get_text()
    description = fiche.head.find("meta", attrs={"name": "description"})["content"]
    assert description.startswith("Dans la plupart des filières")
    assert not fiche.find("script", string="alert(1)")
    jsonld = json.loads(fiche.head.find("script", type="application/ld+json").string)
    assert jsonld["name"] == f"Jalon 22 — {HOSTILE_TITLE}"


def test_open_data_json_keeps_the_exact_text(hostile_site):
    records = json.loads((hostile_site / "donnees/jalons.json").read_text(encoding="utf-8"))
    fiche = next(record for record in records if record["numero"] == 22)
    assert fiche["titre"] == HOSTILE_TITLE
    assert fiche["freins"][:len(HOSTILE_TEXTS)] == [json.loads(f'"{item}"') for item in HOSTILE_TEXTS]
    json.loads((hostile_site / "donnees/ressources.json").read_text(encoding="utf-8"))


def test_no_csv_cell_is_a_formula(hostile_site):
    rows = list(csv.reader(io.StringIO((hostile_site / "donnees/jalons.csv").read_text(encoding="utf-8-sig"))))
    header, *records = rows
    assert len(records) == 1 and all(len(row) == len(header) for row in records)
    cells = [cell for row in rows for cell in row]
    assert not [cell for cell in cells if cell.startswith(FORMULA_PREFIXES)]
    row = dict(zip(header, records[0]))
    assert row["titre"] == "'" + HOSTILE_TITLE
    assert row["freins"].startswith("'@SUM(A1:A9)")
    assert row["historique"] == "2025-06 : =1+1 <b>gras</b> ]]>"  # starts with a digit: nothing to neutralise


@pytest.mark.parametrize("text", ["=1+1", "+1", "-1", "@A1", "\tx", "\rx", "\nx", "＝1"])
def test_neutralized_cells(text):
    assert neutralized(text) == "'" + text
    assert neutralized("Texte " + text) == "Texte " + text


def test_a_pdf_folder_that_cannot_be_made_is_said_in_french(tmp_path):
    """The site links each fiche's PDF: without them, no build, and the person is told why and what to do."""
    import shutil

    from conftest import ROOT

    from jalons.content.errors import JalonsError
    from jalons.site.build import build_site

    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    cache = tmp_path / ".cache" / "jalons-pdf"
    cache.parent.mkdir()
    cache.write_text("un fichier, pas un dossier", encoding="utf-8")  # as root, the one obstacle a test can set
    with pytest.raises(JalonsError) as raised:
        build_site(content, site_url="https://example.org/", pdf_cache_dir=cache)
    message = str(raised.value)
    assert message.startswith("jalons : les PDF n'ont pu être faits dans ") and "JALONS_PDF=false" in message
    assert "Errno" not in message and "File exists" not in message
