"""The site's pages as plain files: hand-written pages with their additions, generated pages, data.

MkDocs plugins do not run under every engine (Zensical, Material's successor, runs none): a folder of
Markdown pages keeps the content portable.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from .site import urls
from .content.history import load_history
from .content.linking import build_graph
from .content.loading import load_corpus
from .site.rendering import PageRenderer

PAGES_DIR = "pages"


def export_pages(content_dir: Path, destination: Path) -> int:
    """Write every page and data file of the site under `destination`; return how many were written."""
    corpus = load_corpus(content_dir)
    renderer = PageRenderer(corpus, build_graph(corpus), historique=load_history(corpus), markdown_headings=True)
    written = 0
    pages_dir = content_dir / PAGES_DIR
    for page in sorted(pages_dir.rglob("*")) if pages_dir.is_dir() else []:
        relative = page.relative_to(pages_dir)
        target = destination / relative
        if page.is_dir():
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        addendum = renderer.addendum(relative.as_posix()) if page.suffix == ".md" else None
        if addendum is None:
            shutil.copyfile(page, target)
        else:
            target.write_text(page.read_text(encoding="utf-8") + addendum, encoding="utf-8")
        written += 1
    for site_path, name in urls.assets().items():  # the scripts pages load, and the site's stylesheet
        target = destination / site_path
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(Path(__file__).parent / "assets" / name, target)
        written += 1
    generated = {src_uri: page.markdown for src_uri, page in renderer.site_pages().items()}
    for src_uri, text in {**generated, **renderer.data_files()}.items():
        target = destination / src_uri
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        written += 1
    return written
