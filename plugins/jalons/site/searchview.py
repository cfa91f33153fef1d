"""What a search engine reads of a generated page: the page with the elements marked `data-search-exclude` set
aside, each replaced by a comment that marks its place; `restored` puts them back.

Those elements (the trail, the neighbours, the forms, the drawn scale, « Sur cette page ») are not the page's
text, and Material's search plugin leaves them out of its index, but only after its HTML parser, written in
Python, has read them: on a fiche, more than half of the tags. Given the view, it reads what it indexes (a
comment is not text) and makes the same index; the engine then puts the elements back into the content as the
other plugins left it (`JalonsPlugin.on_page_context`).

The templates put the attribute on elements that hold no element of their own kind (Material's parser drops
an exclusion when a nested element of the same tag closes), so each ends at the first closing tag of its name.
On a heading, the attribute leaves out its whole section, as Material does: up to the next heading with an id,
where Material's next section starts, or up to the end of the element the heading is in (the status block of an
unassessed jalon), after which Material goes back to the section before.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# The attribute among the element's attributes, read one by one (a value in quotes, from the content, may name it
# without being it).
_ATTRIBUTES = r'(?:\s+[^\s"=>]+(?:="[^"]*")?)*?'
_EXCLUDED = re.compile(rf'<(?P<tag>[a-z][a-z0-9]*){_ATTRIBUTES}\s+data-search-exclude(?=[\s>])[^>]*>')
_HEADING = re.compile(r"h[1-6]")
# After an excluded heading: the tags, to find where its section ends (comments skipped; no `>` in a value, which
# the templates escape).
_TAG = re.compile(rf'<!--.*?-->|<(?P<closing>/?)(?P<name>[a-zA-Z][a-zA-Z0-9]*)(?P<attributes>{_ATTRIBUTES})\s*/?>', re.S)
_STARTS_SECTION = re.compile(r'\s+id="')
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
_PLACE = re.compile(r"<!--jalons-hors-recherche:(\d+)-->")


@dataclass(frozen=True)
class SearchView:
    html: str  # what the search engine reads
    set_aside: tuple[str, ...]  # the elements it does not, by the number in their place's comment

    def restored(self, html: str) -> str | None:
        """`html` (this view, or what other plugins made of it) with the elements set aside back in their place; None
        when a place is missing or repeated (another plugin removed or copied a comment)."""
        found = [int(number) for number in _PLACE.findall(html)]
        if sorted(found) != list(range(len(self.set_aside))):
            return None
        return _PLACE.sub(lambda match: self.set_aside[int(match.group(1))], html)


def _section_end(html: str, position: int) -> int:
    """Where the section of a heading that closes at `position` ends: at the next heading with an id, at the
    closing tag of the element the heading is in, or at the end of the page."""
    depth = 0
    for tag in _TAG.finditer(html, position):
        name = tag.group("name")
        if name is None or name.lower() in _VOID or tag.group().endswith("/>"):  # a comment, or no closing tag
            continue
        if tag.group("closing"):
            if depth == 0:
                return tag.start()
            depth -= 1
        elif _HEADING.fullmatch(name.lower()) and _STARTS_SECTION.search(tag.group("attributes")):
            return tag.start()
        else:
            depth += 1
    return len(html)


Spans = tuple[tuple[int, int], ...]


def excluded_spans(html: str) -> Spans:
    """Where the elements and sections that the search leaves out stand in `html`, in order: found where the page is
    rendered (site/parallel.py), so that the process MkDocs runs in only cuts them out (`search_view`)."""
    spans = []
    position = 0
    while (marked := _EXCLUDED.search(html, position)) is not None:
        tag = marked.group("tag")
        closing = html.find(f"</{tag}>", marked.end())
        end = len(html) if closing < 0 else closing + len(tag) + 3
        if _HEADING.fullmatch(tag):
            end = _section_end(html, end)
        spans.append((marked.start(), end))
        position = end
    return tuple(spans)


def search_view(html: str, spans: Spans | None = None) -> SearchView:
    """`spans`: `excluded_spans(html)`, if already known."""
    spans = excluded_spans(html) if spans is None else spans
    parts: list[str] = []
    position = 0
    for number, (start, end) in enumerate(spans):
        parts += [html[position:start], f"<!--jalons-hors-recherche:{number}-->"]
        position = end
    parts.append(html[position:])
    return SearchView("".join(parts), tuple(html[start:end] for start, end in spans))
