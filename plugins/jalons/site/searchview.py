"""What a search engine reads of a generated page: the page with the elements marked `data-search-exclude` set
aside, each replaced by a comment that marks its place; `restored` puts them back.

Those elements (the trail, the neighbours, the forms, the drawn scale, « Sur cette page ») are not the page's
text, and Material's search plugin leaves them out of its index, but only after its HTML parser, written in
Python, has read them: on a fiche, more than half of the tags. Given the view, it reads what it indexes (a
comment is not text) and makes the same index; the engine then puts the elements back into the content as the
other plugins left it (`JalonsPlugin.on_page_context`).

The templates put the attribute on elements that hold no element of their own kind (Material's parser drops
an exclusion when a nested element of the same tag closes), so each ends at the first closing tag of its name.
On a heading, the attribute leaves out its whole section (Material's rule): up to the next heading with an id,
where Material's next section starts, or the end of the page. The templates put it on headings whose section
runs there: not inside an element that closes before, unless what follows that element is left out too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# The attribute among the element's attributes, read one by one (a value in quotes, from the content, may name it
# without being it); a heading's section, up to the next heading that starts one; another element, up to the
# first closing tag of its name.
_ATTRIBUTES = r'(?:\s+[^\s"=>]+(?:="[^"]*")?)*?'
_MARKED = rf'{_ATTRIBUTES}\s+data-search-exclude(?=[\s>])[^>]*>'
_EXCLUDED = re.compile(rf'<h[1-6]{_MARKED}.*?(?=<h[1-6]{_ATTRIBUTES}\s+id=|\Z)'
                       rf"|<(?P<tag>[a-z][a-z0-9]*){_MARKED}.*?</(?P=tag)>", re.S)
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


def search_view(html: str) -> SearchView:
    set_aside: list[str] = []

    def place(match: re.Match) -> str:
        set_aside.append(match.group(0))
        return f"<!--jalons-hors-recherche:{len(set_aside) - 1}-->"

    return SearchView(_EXCLUDED.sub(place, html), tuple(set_aside))
