"""What a generated page carries besides its HTML: its front matter, and its headings for the table of contents.

Generated pages are written in HTML from the start, so MkDocs is given that HTML and this table of contents
instead of reading the page again as Markdown (most of the cost of a page). Heading ids are made with the
functions of MkDocs' own `toc` extension, so anchors are those a hand-written page would have.
"""

from __future__ import annotations

import html
from functools import lru_cache

from markdown.extensions.toc import nest_toc_tokens, slugify, unique
from markupsafe import Markup, escape

from .metadata import front_matter_values, shown_title


@lru_cache(maxsize=4096)
def _slug(name: str) -> str:
    """The anchor MkDocs' toc extension gives a heading (an escaped name): most headings are those of every fiche."""
    return slugify(html.unescape(name), "-")


class PageParts:
    def __init__(self) -> None:
        self.meta: dict = {}  # what the front matter says (metadata.front_matter_values)
        self.title = ""  # as the theme writes it (metadata.shown_title)
        self._headings: list[dict] = []
        self._ids: set[str] = set()

    def set_front_matter(self, title: str, description: str | None = None, **extra: object) -> str:
        """Called from a page template; the front matter is kept apart from the page's HTML."""
        self.meta = front_matter_values(title, description, **extra)
        self.title = shown_title(title)
        return ""

    def heading(self, text: str, level: int = 2, recherche: bool = True) -> Markup:
        """`recherche=False`: the section, to the next heading, is left out of the site's search (searchview.py),
        as the text a page repeats from elsewhere (the fiches' titles and levers on a list) or that every fiche
        repeats (« À propos », the citation)."""
        name = escape(text)
        anchor = unique(_slug(str(name)), self._ids)
        self._headings.append({"level": level, "id": anchor, "name": str(name)})
        excluded = "" if recherche else " data-search-exclude"
        return Markup(f'<h{level} id="{anchor}"{excluded}>{name}</h{level}>')

    SUMMARY = "<!-- jalons:sur-cette-page -->"

    def summary(self) -> Markup:
        """Where the page's own « Sur cette page » list goes: filled once every heading is known (`with_summary`)."""
        return Markup(self.SUMMARY)

    def with_summary(self, html: str) -> str:
        """The page with its sections listed where `summary` was called: on a phone, Material's table of
        contents is two taps away in its menu; this list is on the page, under the title."""
        if self.SUMMARY not in html:
            return html
        items = "".join(f'<li><a href="#{heading["id"]}">{heading["name"]}</a></li>'
                        for heading in self._headings if heading["level"] == 2)
        summary = ('<details class="jalons-sur-cette-page" data-search-exclude><summary>Sur cette page</summary>'
                   f'<ul>{items}</ul></details>') if items else ""
        return html.replace(self.SUMMARY, summary, 1)

    @property
    def toc(self) -> list[dict]:
        """Tokens as MkDocs' `get_toc` takes them: nested by level."""
        return nest_toc_tokens([dict(token) for token in self._headings])
