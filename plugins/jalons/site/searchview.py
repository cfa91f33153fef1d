"""What a search engine reads of a generated page: the page without the elements marked `data-search-exclude`.

Those elements (the trail, the neighbours, the forms, the drawn scale, « Sur cette page ») are not the page's
text, and Material's search plugin leaves them out of its index, but only after its HTML parser, written in
Python, has read them: on a fiche, more than half of the tags. Given this view, it reads what it indexes and
makes the same index; the page keeps its whole content (`JalonsPlugin.on_page_context`).

The templates put the attribute on elements that hold no element of their own kind (Material's parser drops
an exclusion when a nested element of the same tag closes), so each ends at the first closing tag of its name.
"""

from __future__ import annotations

import re

_EXCLUDED = re.compile(r"<(?P<tag>[a-z][a-z0-9]*)\b[^>]*\sdata-search-exclude\b[^>]*>.*?</(?P=tag)>", re.S)


def search_view(html: str) -> str:
    return _EXCLUDED.sub("", html)
