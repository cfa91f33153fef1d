"""Hand-written pages are input too: one address, one source."""

from __future__ import annotations

import shutil

import pytest
from conftest import ROOT

from jalons.content.errors import ContentErrors
from jalons.site.addresses import address_of
from jalons.site.build import build_site


@pytest.mark.parametrize("name, owner", [
    ("jalons/22/index.md", "la page « Jalon 22 — Réseaux de collaboration pour des chaînes de valeur circulaires »"),
    ("jalons/23.md", "la page « Jalon 23 — fiche à venir »"),
    ("donnees/index.md", "la page « Données ouvertes »"),
    ("ressources.md", "la page « Ressources »"),
    ("nouveautes/README.md", "la page « Nouveautés »"),
    ("donnees/jalons.json", "un fichier"),
    ("feed.xml", "un fichier"),
    ("jalons/22/fiche-jalon-22.pdf", "un fichier"),
    ("assets/stylesheets/jalons.css", "un fichier"),
    # What the themes write after copying the pages folder: MkDocs with Material, and Zensical.
    ("sitemap.xml", "le plan du site pour les moteurs de recherche, que le thème écrit"),
    ("sitemap.xml.gz", "le plan du site pour les moteurs de recherche (compressé), que le thème écrit"),
    ("404.html", "la page « Page introuvable », que le thème écrit"),
    ("search/search_index.json", "l'index de la recherche, que le thème écrit"),
    ("search.json", "l'index de la recherche (Zensical), que le thème écrit"),
])
def test_a_hand_written_file_at_an_address_the_site_makes_is_an_error_naming_both(tmp_path, name, owner):
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    page = content / "pages" / name
    page.parent.mkdir(parents=True, exist_ok=True)
    page.write_text("# Une page écrite à la main\n", encoding="utf-8")
    with pytest.raises(ContentErrors) as caught:
        build_site(content)
    [error] = caught.value.errors
    assert (error.path, error.line, error.column) == (page, 1, 1)
    assert error.message.startswith(f"adresse déjà prise : à /{address_of(name)}, le site publie {owner}")


def test_jalons_check_reports_every_taken_address_with_the_other_errors(tmp_path):
    """Not only the build: the check a contributor runs before a pull request says it too, all at once."""
    from conftest import jalons_command

    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    for name in ("donnees/index.md", "sitemap.xml"):
        (content / "pages" / name).parent.mkdir(parents=True, exist_ok=True)
        (content / "pages" / name).write_text("# À la main\n", encoding="utf-8")
    (content / "pages/guide.md").write_text("---\nhide: 3\n---\n\n# Guide\n", encoding="utf-8")
    result = jalons_command("check", cwd=tmp_path)
    assert result.returncode == 1
    reported = [line.split(": ")[0] for line in result.stderr.splitlines() if line.startswith("content/")]
    assert reported == ["content/pages/donnees/index.md:1:1", "content/pages/guide.md:2:7",
                        "content/pages/sitemap.xml:1:1"], result.stderr
    assert "Traceback" not in result.stderr


def test_a_file_that_overrides_a_theme_asset_is_the_documented_way_and_stays(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    (content / "pages/assets/images").mkdir(parents=True)
    (content / "pages/assets/images/favicon.png").write_bytes(b"\x89PNG")
    assert "assets/images/favicon.png" not in build_site(content).data  # the hand-drawn icon is the one published


def test_hand_written_pages_elsewhere_and_those_the_site_completes_are_theirs(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    (content / "pages/guides").mkdir()
    (content / "pages/guides/jalons.md").write_text("# Guide\n", encoding="utf-8")
    (content / "pages/.brouillon.md").write_text("# Caché\n", encoding="utf-8")
    assert "index.md" in {path.name for path in (content / "pages").iterdir()}  # the home page, completed
    build_site(content)


@pytest.mark.parametrize("src_uri, address", [("index.md", ""), ("a.md", "a/"), ("a/index.md", "a/"),
                                              ("a/b.md", "a/b/"), ("README.md", ""), ("a/img.png", "a/img.png")])
def test_addresses_are_mkdocs_directory_urls(src_uri, address):
    assert address_of(src_uri) == address


@pytest.mark.parametrize("front, where, expected", [
    ("title: [un, deux]", "2:8", "valeur attendue : un texte ; trouvé : une liste"),
    ("hide: 3", "2:7", "valeur attendue : une liste"),
    ("hide: [navigation, menu]", "2:20", "valeur attendue : l'une des valeurs 'navigation', 'toc'"),
    ("search: 3", "2:9", "valeur attendue : un dictionnaire"),
    ("sitemap: oui", "2:10", "valeur attendue : un dictionnaire"),
    ("template: 3", "2:11", "valeur attendue : un texte"),
    ("couleur: verte", "2:1", "clé inconnue « couleur »"),
    ("title: [", "3:1", "valeur attendue ici"),
])
def test_a_hand_written_pages_front_matter_is_checked_like_content(tmp_path, front, where, expected):
    from conftest import jalons_command

    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    page = content / "pages/guide.md"
    page.write_text(f"---\n{front}\n---\n\n# Guide\n", encoding="utf-8")
    result = jalons_command("check", cwd=tmp_path)
    assert result.returncode == 1
    assert f"content/pages/guide.md:{where}: {expected}" in result.stderr, result.stderr
    assert "Traceback" not in result.stderr
    with pytest.raises(ContentErrors):
        build_site(content)


def test_a_template_the_theme_does_not_have_is_an_error_of_the_build(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    (content / "pages/guide.md").write_text("---\ntemplate: absent.html\n---\n\n# Guide\n", encoding="utf-8")
    with pytest.raises(ContentErrors) as caught:
        build_site(content, theme_templates={"main.html", "404.html"})
    assert str(caught.value.errors[0]).endswith(
        "guide.md:2:11: gabarit « absent.html » inconnu du thème : l'un de 404.html, main.html attendu")
    build_site(content, theme_templates={"main.html", "absent.html"})


HOSTILE_TITLE = 'Le "guide" de R&D <b>gras</b>'
HOSTILE_DESCRIPTION = 'x"><script>alert(1)</script>'


@pytest.mark.lent
@pytest.mark.parametrize("engine", ["mkdocs", "zensical"])
def test_a_hand_written_pages_metadata_reaches_head_as_text(tmp_path, engine):
    """Its title and description are text in <title>, the description and every og: and twitter: tag, whatever
    the engine: never markup, never a broken attribute."""
    import json as json_module

    from bs4 import BeautifulSoup
    from conftest import copy_project, installed_command, jalons_command, mkdocs_build, run

    project = copy_project(tmp_path / "projet")
    (project / "content/pages/guide.md").write_text(
        f"---\ntitle: {json_module.dumps(HOSTILE_TITLE)}\ndescription: {json_module.dumps(HOSTILE_DESCRIPTION)}\n---\n\n"
        "# Guide\n\nUn guide.\n", encoding="utf-8")
    if engine == "mkdocs":
        result = mkdocs_build(project, env={"JALONS_PDF": "false"})
        site = project / "site"
    else:
        zensical = installed_command("zensical", "zensical")
        result = jalons_command("export", str(tmp_path / "export"), "--sans-pdf", cwd=project)
        assert result.returncode == 0, result.stderr
        result = run([zensical, "build", "--strict"], cwd=tmp_path / "export")
        site = tmp_path / "export/site"
    assert result.returncode == 0, result.stderr
    head = BeautifulSoup((site / "guide/index.html").read_text(encoding="utf-8"), "html.parser").head
    assert head.find("script", string=lambda text: text and "alert(1)" in text) is None
    assert not head.find_all("b")
    assert head.title.get_text().startswith(HOSTILE_TITLE)
    values = {tag.get("property") or tag.get("name"): tag.get("content") for tag in head.find_all("meta")}
    assert values["description"] == values["og:description"] == values["twitter:description"] == HOSTILE_DESCRIPTION
    assert values["og:title"] == values["twitter:title"] == HOSTILE_TITLE


@pytest.mark.lent
def test_a_hand_written_pages_links_to_a_fiches_sections_are_checked_against_the_fiche(tmp_path):
    """MkDocs checks a link's anchor against the page it leads to: a fiche's sections are there (plugin.MadePage),
    and only a section the fiche does not have is said. A page that writes the comment marking where its addendum's
    form goes (rendering.Addendum) keeps it as written, and gets its form once."""
    from conftest import copy_project, mkdocs_build

    project = copy_project(tmp_path / "projet")
    (project / "content/pages/guide.md").write_text(
        "# Guide\n\n[Ressources](jalons/22/index.md#ressources), [ailleurs](jalons/22/index.md#nulle-part).\n",
        encoding="utf-8")
    (project / "mkdocs.yml").write_text((project / "mkdocs.yml").read_text(encoding="utf-8") +
                                        "  anchors: info\n", encoding="utf-8")  # under validation:, as MkDocs' default
    contribuer = project / "content/pages/contribuer.md"
    contribuer.write_text(contribuer.read_text(encoding="utf-8") + "\n<!--jalons-bloc:0-->\n", encoding="utf-8")
    result = mkdocs_build(project, env={"JALONS_PDF": "false"})
    assert result.returncode == 0, result.stderr
    said = [line for line in result.stderr.splitlines() if "anchor" in line]
    assert len(said) == 1 and "'#nulle-part'" in said[0], result.stderr
    page = (project / "site/contribuer/index.html").read_text(encoding="utf-8")
    assert page.count('<form class="jalon-formulaire"') == 1 and page.count("<!--jalons-bloc:0-->") == 1


def test_front_matter_is_checked_in_a_project_under_a_hidden_folder(tmp_path):
    """Only the pages folder's own hidden files are left out (as MkDocs does), not a project kept in ~/.projets/."""
    from jalons.content.front_matter import check_front_matter

    pages = tmp_path / ".projets/fiches/content/pages"
    pages.mkdir(parents=True)
    (pages / "guide.md").write_text("---\nhide: 3\n---\n", encoding="utf-8")
    (pages / ".brouillon.md").write_text("---\nhide: 3\n---\n", encoding="utf-8")
    assert [error.path.name for error in check_front_matter(pages)] == ["guide.md"]
