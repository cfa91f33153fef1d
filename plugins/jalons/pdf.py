"""PDF fiches with WeasyPrint: each made once per content (a cache keyed by hash), in parallel."""

from __future__ import annotations

import hashlib
import os
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class PdfJob:
    numero: int
    html: str  # the whole print page, styles included: what the PDF is made from


def _engine_version() -> str:
    import weasyprint

    return weasyprint.__version__


def cache_key(html: str) -> str:
    return hashlib.sha256(f"{_engine_version()}\n{html}".encode()).hexdigest()


def _write_pdf(html: str, target: Path) -> None:
    import weasyprint  # imported in the worker: its start-up cost is paid only when a PDF is made

    partial = target.with_suffix(f".{os.getpid()}.tmp")
    weasyprint.HTML(string=html).write_pdf(partial)
    partial.replace(target)  # a build interrupted half-way never leaves a truncated PDF in the cache


@dataclass(frozen=True)
class PdfResult:
    files: dict[int, Path]  # jalon number -> PDF in the cache
    made: int  # how many had to be made (the others came from the cache)


def build_pdfs(jobs: list[PdfJob], cache_dir: Path, workers: int | None = None) -> PdfResult:
    cache_dir.mkdir(parents=True, exist_ok=True)
    files = {job.numero: cache_dir / f"{cache_key(job.html)}.pdf" for job in jobs}
    missing = [(job.html, files[job.numero]) for job in jobs if not files[job.numero].exists()]
    if len(missing) == 1:
        _write_pdf(*missing[0])
    elif missing:
        with ProcessPoolExecutor(max_workers=min(len(missing), workers or os.cpu_count() or 1)) as pool:
            list(pool.map(_write_pdf, *zip(*missing)))
    kept = set(files.values())
    for stale in cache_dir.glob("*.pdf"):
        if stale not in kept:
            stale.unlink()  # the cache holds the current fiches only
    return PdfResult(files, len(missing))
