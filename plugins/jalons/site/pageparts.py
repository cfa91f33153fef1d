"""What a generated page carries besides its HTML: its front matter, and its headings for the table of contents.

Generated pages are written in HTML from the start, so MkDocs is given that HTML and this table of contents
instead of reading the page again as Markdown (most of the cost of a page). Heading ids are made with the
functions of MkDocs' own `toc` extension, so anchors are those a hand-written page would have.
"""

from __future__ import annotations

import html

from markdown.extensions.toc import nest_toc_tokens, slugify, unique
from markupsafe import Markup, escape

from .metadata import front_matter


class PageParts:
    def __init__(self) -> None:
        self.front_matter = ""
        self._headings: list[dict] = []
        self._ids: set[str] = set()

    def set_front_matter(self, title: str, description: str | None = None, **extra: object) -> str:
        """Called from a page template; the front matter is kept apart from the page's HTML."""
        self.front_matter = str(front_matter(title, description, **extra))
        return ""

    def heading(self, text: str, level: int = 2) -> Markup:
        name = escape(text)
        anchor = unique(slugify(html.unescape(str(name)), "-"), self._ids)
        self._headings.append({"level": level, "id": anchor, "name": str(name)})
        return Markup(f'<h{level} id="{anchor}">{name}</h{level}>')

    @property
    def toc(self) -> list[dict]:
        """Tokens as MkDocs' `get_toc` takes them: nested by level."""
        return nest_toc_tokens([dict(token) for token in self._headings])
