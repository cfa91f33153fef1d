"""French typography for what readers see, applied when pages are written, never to the content files.

The YAML keeps the text as contributors type it (straight apostrophes, ordinary spaces); readers get the
spaces French asks for, which also keep a line from starting with « : » or « » » (Office québécois de la
langue française, « Espacement avant et après les signes de ponctuation »):

- a no-break space (U+00A0) before « : » and « » », and after « « »;
- a narrow no-break space (U+202F) before « ; », « ! » and « ? »;
- the typographic apostrophe (U+2019) instead of the straight one.

A mark typed without its space (« jalon? ») gets one when it ends a word, so that addresses and times
(`https://`, `10:30`, `jalon:22`) are left as they are. The search index and the
open data keep the source text: they are not made from the output of this module.

No maintained Python library does this for French (the typography filters of static-site tools are for
English quotes, or are PHP/JavaScript), so the rules are here, with their own tests.
"""

from __future__ import annotations

import re
from html import escape, unescape

NBSP = "\u00a0"
NARROW_NBSP = "\u202f"

_SPACE = " \t\r\n\u00a0\u202f"
_TYPED_SPACE = re.compile(f"[{_SPACE}]+(?=[:;!?»])")
# A mark glued to its word (« jalon? », « circulaire: groupes ») gets its space too, when the mark ends a
# word: followed by a space, the end or a closing sign. `10:30`, `https://` and `jalon:22` are untouched.
_GLUED = re.compile(f"(?<=[^{_SPACE};:!?«(\\[/])(?=[:;!?]+(?:[{_SPACE}»)\\].,\"’]|$))")
_GLUED_CLOSING = re.compile(f"(?<=[^{_SPACE}«])(?=»)")
_AFTER_OPENING = re.compile(f"«(?:[{_SPACE}]+|(?=[^{_SPACE}»]))")


def _space_for(mark: str) -> str:
    return NBSP if mark in ":»" else NARROW_NBSP


def french(text: str) -> str:
    """`text` (plain text) with French spacing and apostrophes."""
    if not any(mark in text for mark in ":;!?«»'"):
        return text  # most texts: nothing to do, nothing scanned again
    text = text.replace("'", "\u2019")
    text = _AFTER_OPENING.sub("«" + NBSP, text)
    text = _TYPED_SPACE.sub(lambda m: _space_for(m.string[m.end()]), text)
    text = _GLUED.sub(lambda m: _space_for(m.string[m.end()]), text)
    return _GLUED_CLOSING.sub(NBSP, text)


# Elements whose text is code, a script, a style or a value typed by the reader: kept as written.
_VERBATIM = "script|style|pre|code|kbd|samp|textarea"
_HTML_PARTS = re.compile(
    rf"<!--.*?-->|<(?P<verbatim>{_VERBATIM})\b.*?</(?P=verbatim)\s*>|<[^>]*>|[^<]+",
    re.S | re.I,
)
# Attributes that a reader sees (a tooltip, a placeholder) or hears (an accessible name).
_SHOWN_ATTRIBUTES = re.compile(r'(\s(?:title|alt|placeholder|aria-label|data-libelle)=")([^"]*)(")')


def french_html(html: str) -> str:
    """`html` with `french` applied to its text and to the attributes a reader sees or hears; code,
    scripts, styles and form values untouched."""
    parts = []
    for match in _HTML_PARTS.finditer(html):
        part = match.group(0)
        if match.group("verbatim") or part.startswith("<!--"):
            parts.append(part)
        elif part.startswith("<"):
            parts.append(_SHOWN_ATTRIBUTES.sub(lambda m: m.group(1) + escape(french(unescape(m.group(2)))) + m.group(3),
                                               part))
        else:
            parts.append(escape(french(unescape(part)), quote=False))
    return "".join(parts)
