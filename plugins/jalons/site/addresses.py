"""One address, one source: a hand-written page or file of the pages folder at an address that the site makes
from the content would be replaced without a word (`content/pages/donnees/index.md` by the open data page),
so it is an error naming both."""

from __future__ import annotations

from pathlib import Path

import yaml

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


def _owner(page: GeneratedPage | None) -> str:
    """What the site publishes at a taken address, said only for an address that is taken: a page by its
    title (read from its front matter), or a file."""
    if page is None:
        return "un fichier"
    try:
        matter = yaml.safe_load(page.front_matter.strip().strip("-")) if page.front_matter else None
    except yaml.YAMLError:
        matter = None
    return f"la page « {matter['title']} »" if isinstance(matter, dict) and matter.get("title") else "une page"


def taken_addresses(pages_dir: Path, pages: dict[str, GeneratedPage], files: set[str],
                    completed: set[str]) -> list[ContentError]:
    """An error for each file of `pages_dir` published where a generated page (`pages`) or file (`files`) is;
    `completed`: the hand-written pages the site adds to (the home page…), which are theirs."""
    owners: dict[str, GeneratedPage | None] = {address_of(src_uri): page for src_uri, page in pages.items()}
    owners.update(dict.fromkeys(files))
    errors = []
    for path in sorted(pages_dir.rglob("*")) if pages_dir.is_dir() else []:
        relative = path.relative_to(pages_dir).as_posix()
        if not path.is_file() or relative in completed or any(part.startswith(".") for part in relative.split("/")):
            continue
        address = address_of(relative)
        if address in owners:
            errors.append(ContentError(path, 1, 1, f"adresse déjà prise : à /{address}, le site publie "
                                                   f"{_owner(owners[address])}, qu'il produit à partir du contenu ; "
                                                   "l'un des deux disparaîtrait sans un mot : renommez ou déplacez "
                                                   "ce fichier"))
    return errors
