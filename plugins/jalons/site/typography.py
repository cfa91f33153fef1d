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
from functools import lru_cache
from html import escape, unescape

NBSP = "\u00a0"
NARROW_NBSP = "\u202f"

_SPACE = " \t\r\n\u00a0\u202f"
# The spaces typed before a mark. Each pattern here starts with the mark, the rare character, so that the text is
# scanned for it at once rather than tried at every space (what is before it is looked at afterwards).
_MARK = re.compile("[:;!?»]")
# A mark glued to its word (« jalon? », « circulaire: groupes ») gets its space too, when the mark ends a
# word: followed by a space, the end or a closing sign. `10:30`, `https://` and `jalon:22` are untouched.
_MARK_ENDING_WORD = f"[:;!?]+(?:[{_SPACE}»)\\].,\"’]|$)"
_NO_SPACE_AFTER = _SPACE + ";:!?«(/["  # a mark right after these stays glued (« ?! », « (: », an address)
_GLUED = re.compile(f"[:;!?]+(?=[{_SPACE}»)\\].,\"’]|$)")
_GLUED_CLOSING = re.compile(f"(?<=[^{_SPACE}«])(?=»)")
_AFTER_OPENING = re.compile(f"«(?:[{_SPACE}]+|(?=[^{_SPACE}»]))")


def _space_for(mark: str) -> str:
    return NBSP if mark in ":»" else NARROW_NBSP


def _typed_spaces(text: str) -> str:
    """The spaces typed before each mark, whatever they are, replaced by the one it takes."""
    parts, last = [], 0
    for mark in _MARK.finditer(text):
        start = mark.start()
        spaces = start
        while spaces > last and text[spaces - 1] in _SPACE:
            spaces -= 1
        if spaces < start:
            parts += [text[last:spaces], _space_for(mark.group())]
            last = start
    return "".join(parts) + text[last:] if parts else text


def _glued(mark: re.Match) -> str:
    start = mark.start()
    if start == 0 or mark.string[start - 1] in _NO_SPACE_AFTER:
        return mark.group()
    return _space_for(mark.group()[0]) + mark.group()


def french(text: str) -> str:
    """`text` (plain text) with French spacing and apostrophes."""
    if not any(mark in text for mark in ":;!?«»'"):
        return text  # most texts: nothing to do, nothing scanned again
    text = text.replace("'", "\u2019")
    if "«" in text:
        text = _AFTER_OPENING.sub("«" + NBSP, text)
    if any(mark in text for mark in ":;!?»"):  # an apostrophe alone, the most common, needs no more
        text = _GLUED.sub(_glued, _typed_spaces(text))
    if "»" in text:
        text = _GLUED_CLOSING.sub(NBSP, text)
    return text


# Elements whose text is code, a script, a style or a value typed by the reader: kept as written. A tag ends
# at the first « > » outside quotes: an attribute value may hold one (title="a > b").
_VERBATIM = "script|style|pre|code|kbd|samp|textarea"
_HTML_PARTS = re.compile(
    rf"(?P<kept><!--.*?-->|<(?P<verbatim>{_VERBATIM})\b.*?</(?P=verbatim)\s*>)"
    r"""|(?P<tag><(?:[^>"']|"[^"]*"|'[^']*')*>)|(?P<text>[^<]+)""",
    re.S | re.I,
)
# Attributes that a reader sees (a tooltip, a placeholder) or hears (an accessible name).
_SHOWN_ATTRIBUTES = re.compile(r'(\s(?:title|alt|placeholder|aria-label|data-libelle)=")([^"]*)(")')
_HAS_MARK = re.compile("[:;!?«»'&]")
# A mark that starts a text right after an element (« [vision 2050](…): un futur »).
_MARK_AFTER_ELEMENT = re.compile(f"^(?={_MARK_ENDING_WORD})")


def _french_attribute(match: re.Match) -> str:
    return match.group(1) + escape(french(unescape(match.group(2)))) + match.group(3)


# What `french_html` leaves as it is, in one match: a run of tags without a shown attribute and of texts without a
# mark (most of a page). The other parts are matched as `_HTML_PARTS` matches them, and set as it sets them.
_SPACE_NOT_BEFORE_SHOWN = r'\s(?!(?:title|alt|placeholder|aria-label|data-libelle)=")'
# Possessive: each run of characters taken at once and never given back (what a run holds decides nothing after
# it), which halves the time of this scan, most of the module's.
_PLAIN_TAG = (rf"<(?!!--|(?:{_VERBATIM})\b)(?:[^>\"'\s]++|{_SPACE_NOT_BEFORE_SHOWN}"
              rf"""|"(?:[^"\s]++|{_SPACE_NOT_BEFORE_SHOWN})*+"|'(?:[^'\s]++|{_SPACE_NOT_BEFORE_SHOWN})*+')*+>""")
_PLAIN_TEXT = r"[^<:;!?«»'&]++(?![^<])"  # a whole text, from a tag to the next
_HTML_RUNS = re.compile(rf"(?P<inert>(?:{_PLAIN_TAG}|{_PLAIN_TEXT})++)|{_HTML_PARTS.pattern}", re.S | re.I)


def french_html(html: str) -> str:
    """`html` with `french` applied to its text and to the attributes a reader sees or hears; code,
    scripts, styles and form values untouched."""
    return _french_parts(_HTML_RUNS.finditer(html), escape_text=True)


# Markdown (a hand-written page, for `jalons export`): the front matter (YAML, read by the engine: « title: »
# must stay a key), code (fenced, indented, inline, or in HTML), link targets, HTML tags and comments are kept.
_MARKDOWN_PARTS = re.compile(
    r"(?P<kept>\A---[ \t]*\n.*?^(?:---|\.\.\.)[ \t]*$"
    r"|^(?P<fence>```+|~~~+).*?^(?P=fence)[ \t]*$"
    r"|\n[ \t]*\n(?:(?: {4}|\t)[^\n]*(?:\n|\Z))+"
    r"|(?P<ticks>`+)[^`].*?(?<!`)(?P=ticks)(?!`)"
    r"|<(?P<element>pre|code|script|style|kbd|samp)\b.*?</(?P=element)\s*>"
    r"|\]\([^)\n]*\)|<!--.*?-->)"
    r"""|(?P<tag><(?:[^>"'\n]|"[^"]*"|'[^']*')*>)"""
    r"|(?P<text>(?:(?!\n[ \t]*\n(?: {4}|\t))[^<`\]~])+|[<`\]~])",
    re.S | re.M,
)


def french_markdown(markdown: str) -> str:
    """The text of a Markdown page with `french` applied, its code, link targets and HTML tags untouched."""
    return _french_parts(_MARKDOWN_PARTS.finditer(markdown), escape_text=False)


def _french_parts(matches, escape_text: bool) -> str:
    parts = []
    last_char = ""  # the last character of text written so far, across tags: « lien</a>: » needs its space
    runs: list[str] = []  # runs left as they are since `last_char`: read again only if a text needs what ends them
    for match in matches:
        part, kind = match.group(0), match.lastgroup
        if kind == "inert":
            runs.append(part)
        elif kind == "tag":
            part = _SHOWN_ATTRIBUTES.sub(_french_attribute, part)
        elif kind == "kept":
            last_char, runs = ("" if escape_text or not part.startswith("](") else ")"), []
        elif _HAS_MARK.search(part) or (not escape_text and "&#39;" in part):
            # In Markdown, an apostrophe that a template escaped (Jinja writes &#39;) is one all the same.
            part = french(unescape(part) if escape_text else part.replace("&#39;", "'"))
            if runs and _MARK_AFTER_ELEMENT.match(part):
                last_char = _last_text_character(runs, last_char)
            if last_char and last_char not in _NO_SPACE_AFTER:
                part = _MARK_AFTER_ELEMENT.sub(lambda m: _space_for(m.string[0]), part)
            last_char, runs = part[-1], []
            part = escape(part, quote=False) if escape_text else part
        else:
            last_char, runs = part[-1], []
        parts.append(part)
    return "".join(parts)


def _last_text_character(runs: list[str], before: str) -> str:
    """The last character of text in `runs` (tags and texts), else `before`."""
    for run in reversed(runs):
        if run[-1] != ">":
            return run[-1]
        texts = [match.group(0) for match in _HTML_PARTS.finditer(run) if match.lastgroup == "text"]
        if texts:
            return texts[-1][-1]
    return before


@lru_cache(maxsize=4096)
def _french_heading(title: str) -> str:
    return french_html(title)  # the same few headings on every fiche


def french_toc(toc) -> None:
    """A page's table of contents (MkDocs' `AnchorLink`s: an escaped `title`, `children`), spaced in place."""
    for item in toc:
        item.title = _french_heading(item.title)
        french_toc(item.children)
