"""Is a built site whole? Every jalon has its page; every published fiche its page with its title, its PDF,
the permanent page of its current version with the files to cite it, and its entry in the open data; the
data package and the feed are there.

An engine that ignores the `jalons` plugin (Zensical does so without a word) still builds a site: the
hand-written pages, and none of the fiches. This check, run on the built folder after the build, makes
such a site fail loudly instead of being published.
"""

from __future__ import annotations

import json
import re
from html import unescape
from pathlib import Path

from . import urls
from ..content.corpus import Corpus
from .citation import FORMATS
from .datapackage import DATAPACKAGE
from .typography import french

_H1 = re.compile(r"<h1\b[^>]*>(.*?)</h1>", re.S | re.I)
_TAGS = re.compile(r"<[^>]*>")


def _shown(text: str) -> str:
    return " ".join(text.split())


def _page_title(page: Path) -> str | None:
    match = _H1.search(page.read_text(encoding="utf-8", errors="replace"))
    return _shown(unescape(_TAGS.sub("", match.group(1)))) if match else None


def missing_parts(corpus: Corpus, site_dir: Path, pdf: bool = True) -> list[str]:
    """What the built site at `site_dir` lacks, said in French; empty when it is whole."""
    problems = []
    for numero in range(1, corpus.feuille_de_route.nombre_jalons + 1):
        page = site_dir / urls.jalon(numero) / "index.html"
        if not page.is_file():
            problems.append(f"jalon {numero} : page absente ({urls.jalon(numero)})")
            continue
        jalon = corpus.jalons.get(numero)
        if jalon is None:
            continue
        title = _page_title(page)
        if title != _shown(french(jalon.titre)):
            problems.append(f"jalon {numero} : la page n'a pas le titre de la fiche (« {jalon.titre} » attendu, "
                            f"« {title or 'aucun titre'} » trouvé)")
        version = urls.version(numero, jalon.version)
        if not (site_dir / version / "index.html").is_file():
            problems.append(f"jalon {numero} : page de la version actuelle absente ({version}), que les citations donnent")
        missing = [path for path in (urls.citation(numero, jalon.version, extension) for extension in FORMATS)
                   if not (site_dir / path).is_file()]
        if missing:
            problems.append(f"jalon {numero} : fichiers de citation absents ({', '.join(missing)})")
        if pdf:
            document = site_dir / urls.pdf(numero)
            if not document.is_file() or not document.read_bytes()[:5] == b"%PDF-":
                problems.append(f"jalon {numero} : PDF absent ou illisible ({urls.pdf(numero)})")
    data_file = site_dir / urls.DONNEES / "jalons.json"
    try:
        published = {entry["numero"] for entry in json.loads(data_file.read_text(encoding="utf-8"))}
    except (OSError, ValueError, TypeError, KeyError):
        problems.append(f"données ouvertes absentes ou illisibles ({urls.DONNEES}jalons.json)")
    else:
        for numero in sorted(set(corpus.jalons) - published):
            problems.append(f"jalon {numero} : absent des données ouvertes ({urls.DONNEES}jalons.json)")
    if not (site_dir / DATAPACKAGE).is_file():
        problems.append(f"description des données absente ({DATAPACKAGE})")
    if not (site_dir / urls.FEED).is_file():
        problems.append(f"fil des nouveautés absent ({urls.FEED})")
    return problems
