"""The site is the organisation's publication: its colour on the site and in the PDF, its logo or a wordmark drawn
from its acronym (never the theme's book icon), a favicon from it, a share image per fiche and one for the
roadmap, and nothing announced that the organisation has not given."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest

import material
from bs4 import BeautifulSoup
from conftest import ROOT
from PIL import Image

from jalons.content.couleurs import contrast_on_white
from jalons.content.history import load_history
from jalons.content.linking import build_graph
from jalons.content.loading import load_corpus
from jalons.site import identite, urls
from jalons.site.build import build_site
from jalons.site.rendering import PageRenderer

SITE = "https://exemple.org/fiches/"
MATERIAL = Path(material.__file__).parent / "templates"


def content_copy(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "content", tmp_path / "content")
    return tmp_path / "content"


def set_identity(content: Path, block: str) -> None:
    roadmap = content / "feuille-de-route.yml"
    text = roadmap.read_text(encoding="utf-8")
    start = text.index("identite:\n")
    end = text.index("\n\n", start)
    roadmap.write_text(text[:start] + block.rstrip("\n") + text[end:], encoding="utf-8")


def png(data: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(data))
    assert image.format == "PNG"
    return image


@pytest.fixture(scope="module")
def site():
    return build_site(ROOT / "content", site_url=SITE)


def test_without_a_logo_the_header_shows_the_acronym_drawn_never_the_themes_book(site):
    logo = site.data[urls.LOGO]
    svg = BeautifulSoup(logo, "html.parser").svg
    assert svg["aria-label"] == "RRECQ" and svg.find("text").get_text() == "RRECQ"
    for icon in ("material/library.svg", "material/book-open-page-variant.svg"):
        assert logo != (MATERIAL / ".icons" / icon).read_text(encoding="utf-8")


def test_the_favicon_is_drawn_from_the_identity_not_the_themes(site):
    favicon = site.data[urls.FAVICON]
    assert favicon != (MATERIAL / "assets/images/favicon.png").read_bytes()
    image = png(favicon).convert("RGB")
    assert image.size == (identite.FAVICON_SIZE, identite.FAVICON_SIZE)
    assert image.getpixel((4, 32)) == (0x1d, 0x57, 0x43)  # the organisation's colour, beside the letter


def test_a_share_image_per_fiche_and_one_for_the_roadmap_at_open_graph_size(site):
    paths = [urls.partage(), *(urls.partage(numero) for numero in site.corpus.jalons)]
    images = [png(site.data[path]) for path in paths]
    assert [image.size for image in images] == [(1200, 630)] * len(paths)
    # The organisation's colour as it is, and its darker band (the colours' reduction keeps both)
    assert {image.convert("RGB").getpixel((4, 4)) for image in images} == {(0x1d, 0x57, 0x43)}
    assert {image.convert("RGB").getpixel((4, 626)) for image in images} == {
        tuple(bytes.fromhex(identite.palette("#1d5743")["foncee"].lstrip("#")))}
    assert max(len(site.data[path]) for path in paths) < 20_000  # what a preview downloads
    assert len({site.data[path] for path in paths}) == len(paths)  # each says its own title
    assert site.theme_extra["image"] == SITE + urls.partage()
    assert f'image: "{SITE}{urls.partage(22)}"' in site.pages["jalons/22/index.md"].front_matter.splitlines()


def test_without_the_sites_address_no_share_image_is_announced(tmp_path):
    site = build_site(ROOT / "content")
    assert site.theme_extra["image"] is None and "image:" not in site.pages["jalons/22/index.md"].front_matter


def test_share_images_come_from_the_cache_once_drawn_and_change_with_the_title(tmp_path, monkeypatch):
    carte = identite.Carte("Jalon 22 · fiche jalon", "Réseaux de collaboration", "RRECQ", "#1d5743")
    first = identite.share_image(carte, tmp_path)
    monkeypatch.setattr(identite, "share_png", lambda carte: pytest.fail("dessinée deux fois"))
    assert identite.share_image(carte, tmp_path) == first
    other = identite.Carte("Jalon 22 · fiche jalon", "Un autre titre", "RRECQ", "#1d5743")
    assert other.key() != carte.key() and not (tmp_path / f"{other.key()}.png").exists()


def test_the_organisations_colour_makes_the_palette_of_the_site_and_of_the_pdf(tmp_path):
    content = content_copy(tmp_path)
    set_identity(content, 'identite:\n  couleur: "#7A1F5C"\n')
    site = build_site(content)
    stylesheet = site.data[urls.STYLESHEET]
    palette = stylesheet[:stylesheet.index("}") + 1]
    assert "--jalons-couleur: #7a1f5c;" in palette and "--md-primary-fg-color: var(--jalons-couleur);" in palette
    # Titles, hovered links and the focus ring take the darker shade: darker still, never another hue.
    dark = identite.palette("#7a1f5c")["foncee"]
    assert f"--jalons-foncee: {dark};" in palette and "--md-accent-fg-color: var(--jalons-foncee);" in palette
    assert contrast_on_white(dark) > contrast_on_white("#7a1f5c")
    corpus = load_corpus(content)
    printed = PageRenderer(corpus, build_graph(corpus), load_history(corpus, use_git=False), pdf=True).print_html(22)
    assert "--jalons-couleur: #7a1f5c;" in printed and "#1f4e79" not in printed


def test_a_logo_given_by_the_organisation_is_the_one_published(tmp_path):
    content = content_copy(tmp_path)
    logo = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 40 10"><rect width="40" height="10" fill="#123"/></svg>\n'
    (content / "logo.svg").write_text(logo, encoding="utf-8")
    set_identity(content, "identite:\n  site: https://rrecq.ca\n  logo: logo.svg\n")
    site = build_site(content)
    assert site.data[urls.LOGO] == logo.encode("utf-8")
    assert not any("identite.logo" in warning for warning in site.warnings)
    assert any("identite.document" in warning for warning in site.warnings)


def test_the_organisation_is_linked_only_by_the_addresses_it_gave(site, tmp_path):
    assert site.theme_extra["site"] == "https://rrecq.ca" and site.theme_extra["document"] is None
    content = content_copy(tmp_path)
    set_identity(content, "identite:\n  document: https://rrecq.ca/feuille-de-route.pdf\n")
    extra = build_site(content).theme_extra
    assert extra["site"] is None and extra["document"] == "https://rrecq.ca/feuille-de-route.pdf"


def test_a_group_is_described_only_by_what_the_organisation_wrote(site, tmp_path):
    assert "jalon-enonce" not in site.pages["parties-prenantes/milieu-affaires-travail/index.md"].html
    assert sum("sans description" in warning for warning in site.warnings) == 2
    content = content_copy(tmp_path)
    roadmap = content / "feuille-de-route.yml"
    roadmap.write_text(roadmap.read_text(encoding="utf-8").replace(
        "    nom: Milieu des affaires et du travail\n",
        "    nom: Milieu des affaires et du travail\n    description: Les entreprises, leurs associations et les syndicats.\n"),
        encoding="utf-8")
    described = build_site(content)
    page = described.pages["parties-prenantes/milieu-affaires-travail/index.md"].html
    assert '<p class="jalon-enonce">Les entreprises, leurs associations et les syndicats.</p>' in page
    assert "Les entreprises, leurs associations" in described.pages["parties-prenantes/index.md"].html
    undescribed = [warning.split(": ", 1)[1] for warning in described.warnings if "sans description" in warning]
    assert undescribed == ["partie prenante « Organismes de développement territorial » sans description : sa page "
                           "ne dit pas qui est ce groupe"]


def test_the_footer_dates_the_content_by_its_newest_version_or_assessment(site, tmp_path):
    assert site.theme_extra["mise_a_jour"] == "juillet 2025"
    content = content_copy(tmp_path)
    shutil.copytree(ROOT / "tests/fixtures/evaluations", content / "evaluations")
    assert build_site(content).theme_extra["mise_a_jour"] == "juin 2026"


def test_a_cache_that_cannot_be_written_only_costs_the_drawing(tmp_path):
    carte = identite.Carte("Jalon 22 · fiche jalon", "Réseaux de collaboration", "RRECQ", "#1d5743")
    (tmp_path / "cache").write_text("un fichier, pas un dossier", encoding="utf-8")
    assert identite.share_image(carte, tmp_path / "cache") == identite.share_image(carte, None)
    (tmp_path / "dossier" / f"{carte.key()}.png").mkdir(parents=True)  # what stands in its place is not an image
    assert identite.share_image(carte, tmp_path / "dossier") == identite.share_image(carte, None)


def test_jalons_check_draws_the_images_the_build_keeps_once(tmp_path, monkeypatch):
    """`jalons check` renders the site as the build does, share images included: it takes them from the cache
    the build keeps, beside the content (drawing them was half of a check at 500 fiches)."""
    from conftest import copy_project, jalons_command

    from jalons.site.pdf import SHARE_CACHE_DIR

    project = copy_project(tmp_path / "projet")
    assert jalons_command("check", cwd=project).returncode == 0
    kept = sorted(path.name for path in (project / SHARE_CACHE_DIR).glob("*.png"))
    assert len(kept) == len(load_corpus(project / "content").jalons) + 2  # each fiche's, the roadmap's, the favicon
    for drawing in ("share_png", "favicon_png"):
        monkeypatch.setattr(identite, drawing, lambda *args, name=drawing: pytest.fail(f"{name} appelée"))
    assert jalons_command("check", cwd=project).returncode == 0


def test_a_second_build_draws_no_image_and_imports_no_drawing(tmp_path, monkeypatch):
    """The favicon and the share images come from the cache once drawn: a rebuild of unchanged content draws none."""
    first = identite.identity_files(load_corpus(ROOT / "content"), tmp_path)
    for drawing in ("share_png", "favicon_png"):
        monkeypatch.setattr(identite, drawing, lambda *args, name=drawing: pytest.fail(f"{name} appelée"))
    again = identite.identity_files(load_corpus(ROOT / "content"), tmp_path)
    assert again == first and len(list(tmp_path.glob("*.png"))) == len(first) - 2  # not the stylesheet and logo
