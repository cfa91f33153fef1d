"""Hand-written pages are input too: one address, one source."""

from __future__ import annotations

import shutil
from pathlib import Path

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
    assert error.message.startswith(f"adresse déjà prise : à /{address_of(name)}, le site publie {owner}, ")


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
