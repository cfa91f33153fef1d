"""Where things are in a content folder: the file names and folders that loading, history, editing and
the site share, and the form of a fiche's file name."""

from __future__ import annotations

import re
from pathlib import Path

from .model import VERSION_PATTERN

CONTENT_DIR = "content"  # in the project folder, beside mkdocs.yml
FEUILLE_DE_ROUTE = "feuille-de-route.yml"
JALONS_DIR = "jalons"
RESSOURCES_DIR = "ressources"
PAGES_DIR = "pages"  # the hand-written pages: MkDocs' docs_dir
EVALUATIONS_DIR = "evaluations"  # one assessment campaign per file, named by its date
CAMPAGNE_FILE = re.compile(VERSION_PATTERN.removesuffix("$") + r"\.yml$")  # AAAA-MM, as a fiche's version
JALON_FILE = re.compile(r"^(\d{1,4})-[a-z0-9]+(-[a-z0-9]+)*\.yml$")
RESSOURCE_FILE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*\.yml$")


def project_root(start: Path) -> Path | None:
    """The project that `start` lies in: the nearest folder, from `start` up, with a content folder holding
    the roadmap (as git finds its repository), so that a command run from `content/jalons/` still works
    on `content/`."""
    for folder in (start, *start.parents):
        if (folder / CONTENT_DIR / FEUILLE_DE_ROUTE).is_file():
            return folder
    return None


def jalon_file_number(name: str) -> int | None:
    """The jalon number that a fiche's file name announces (`22-reseaux.yml` -> 22), if it is well formed."""
    match = JALON_FILE.match(name)
    return int(match.group(1)) if match else None


def fiche_files(content_dir: Path, numero: int) -> list[Path]:
    """The files that hold the fiche of jalon `numero` (one, when the content is valid)."""
    return [path for path in sorted((content_dir / JALONS_DIR).glob("*.yml")) if jalon_file_number(path.name) == numero]
