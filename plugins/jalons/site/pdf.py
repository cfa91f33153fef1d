"""PDF fiches with WeasyPrint: each made once per content (a cache keyed by hash), in parallel.

The cache key is a hash of what the PDF is made from, not of the rendered page: a rebuild with
unchanged content renders no print page at all.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import os
from concurrent.futures import ProcessPoolExecutor
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..content.errors import JalonsError, display_path, french_os_error
from .parallel import available_processors

# Outside the built site, kept between builds: a PDF is made again only when what it is made from changes.
PDF_CACHE_DIR = ".cache/jalons-pdf"
SHARE_CACHE_DIR = ".cache/jalons-partage"  # the share images (site/identite.py), kept as the PDFs are


@dataclass(frozen=True)
class PdfJob:
    numero: int
    inputs: str  # everything the PDF is made from (fiche, roadmap, resources, print template), as text
    html: Callable[[], str]  # the print page, rendered only when the PDF has to be made


@lru_cache(maxsize=1)
def _engine_version() -> str:
    # From the package metadata: importing WeasyPrint costs more than a whole warm rebuild.
    return "+".join(importlib.metadata.version(name) for name in ("weasyprint", "pikepdf")) + "+footer-artifact"


def cache_key(inputs: str) -> str:
    return hashlib.sha256(f"{_engine_version()}\n{PDF_VARIANT}\n{inputs}".encode()).hexdigest()


# A tagged PDF (PDF/UA-1): a structure tree with headings, lists and reading order for screen readers,
# the document's language, its title shown by the viewer (DisplayDocTitle), bookmarks from the headings.
# Québec's standard for accessible web documents (SGQRI 008) asks the same of downloadable documents.
PDF_VARIANT = "pdf/ua-1"


def _write_pdf(html: str, target: Path) -> None:
    import weasyprint  # imported in the worker: its start-up cost is paid only when a PDF is made

    from .pdf_artifacts import mark_running_artifacts

    partial = target.with_suffix(f".{os.getpid()}.tmp")
    weasyprint.HTML(string=html).write_pdf(partial, pdf_variant=PDF_VARIANT)
    mark_running_artifacts(partial)
    partial.replace(target)  # a build interrupted half-way never leaves a truncated PDF in the cache


@dataclass(frozen=True)
class PdfResult:
    files: dict[int, Path]  # jalon number -> PDF in the cache
    made: int  # how many had to be made (the others came from the cache)


def build_pdfs(jobs: list[PdfJob], cache_dir: Path, workers: int | None = None) -> PdfResult:
    try:
        return _build_pdfs(jobs, cache_dir, workers)
    except OSError as exc:  # the site links every fiche's PDF: no PDF, no build, said in French
        raise JalonsError(f"jalons : les PDF n'ont pu être faits dans {display_path(cache_dir)} : "
                          f"{french_os_error(exc)} ; pdf: false sous le plugin jalons de mkdocs.yml, ou "
                          "JALONS_PDF=false, construit le site sans eux") from None


def _build_pdfs(jobs: list[PdfJob], cache_dir: Path, workers: int | None) -> PdfResult:
    cache_dir.mkdir(parents=True, exist_ok=True)
    files = {job.numero: cache_dir / f"{cache_key(job.inputs)}.pdf" for job in jobs}
    missing = [(job.html(), files[job.numero]) for job in jobs if not files[job.numero].exists()]
    if len(missing) == 1:
        _write_pdf(*missing[0])
    elif missing:
        with ProcessPoolExecutor(max_workers=min(len(missing), workers or available_processors())) as pool:
            list(pool.map(_write_pdf, *zip(*missing)))
    kept = set(files.values())
    for stale in cache_dir.glob("*.pdf"):
        if stale not in kept:
            stale.unlink()  # the cache holds the current fiches only
    return PdfResult(files, len(missing))
