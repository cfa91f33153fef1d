"""One address, one source: a hand-written page or file of the pages folder at an address that the site makes
from the content would be replaced without a word (`content/pages/donnees/index.md` by the open data page),
so it is an error naming both. So is a file where the theme writes one of its own (the sitemap, the 404 page,
the search index), which the theme writes after copying the pages folder; a file that replaces one of the theme's
assets (`assets/…`) is left alone: MkDocs documents it as the way to override them."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path

from ..content.errors import ContentError
from .rendering import GeneratedPage


def address_of(src_uri: str) -> str:
    """The address a file of the pages folder is published at, as MkDocs does with directory URLs:
    `a.md` and `a/index.md` at `a/`, `index.md` (or `README.md`) at the top, any other file at its path."""
    if not src_uri.endswith(".md"):
        return src_uri
    folder, _, stem = src_uri[:-3].rpartition("/")
    if stem == "index" or stem.lower() == "readme":
        return f"{folder}/" if folder else ""
    return f"{folder}/{stem}/" if folder else f"{stem}/"


# What the engines' themes write at the end of a build, over any file of the pages folder at the same path:
# MkDocs with Material (and ProperDocs) and Zensical, whichever builds the site.
THEME_OUTPUTS = {
    "404.html": "la page « Page introuvable »",
    "sitemap.xml": "le plan du site pour les moteurs de recherche",
    "sitemap.xml.gz": "le plan du site pour les moteurs de recherche (compressé)",
    "search/search_index.json": "l'index de la recherche",
    "search.json": "l'index de la recherche (Zensical)",
}


def _owner(page: GeneratedPage | Callable[[], GeneratedPage] | str | None) -> str:
    """What the site publishes at a taken address, said only for an address that is taken: a page by its
    title (a page still to render is rendered for it), what the theme writes, or a file."""
    if isinstance(page, str):
        return f"{page}, que le thème écrit"
    if page is None:
        return "un fichier, qu'il produit à partir du contenu"
    if callable(page):
        page = page()
    named = f"la page « {page.title} »" if page.title else "une page"  # as its front matter gives it
    return f"{named}, qu'il produit à partir du contenu"


def taken_addresses(pages_dir: Path, pages: Mapping[str, GeneratedPage | Callable[[], GeneratedPage]],
                    files: set[str], completed: set[str]) -> list[ContentError]:
    """An error for each file of `pages_dir` published where a generated page (`pages`) or file (`files`) is,
    or where the theme writes (`THEME_OUTPUTS`); `completed`: the hand-written pages the site adds to (the home
    page…), which are theirs."""
    owners: dict[str, GeneratedPage | str | None] = dict(THEME_OUTPUTS)
    owners.update({address_of(src_uri): page for src_uri, page in pages.items()})
    owners.update(dict.fromkeys(files))
    errors = []
    for path in sorted(pages_dir.rglob("*")) if pages_dir.is_dir() else []:
        relative = path.relative_to(pages_dir).as_posix()
        if not path.is_file() or relative in completed or any(part.startswith(".") for part in relative.split("/")):
            continue
        address = address_of(relative)
        if address in owners:
            errors.append(ContentError(path, 1, 1, f"adresse déjà prise : à /{address}, le site publie "
                                                   f"{_owner(owners[address])} ; "
                                                   "l'un des deux disparaîtrait sans un mot : renommez ou déplacez "
                                                   "ce fichier"))
    return errors
