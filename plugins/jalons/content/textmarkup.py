"""The small, safe Markdown subset of content text: emphasis and links, never raw HTML.

Raw HTML in a text is shown as text (escaped). A link whose target the caller does not resolve is
rendered as its words alone, so no `javascript:` or other scheme can ever reach a page.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from functools import lru_cache

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.token import Token

# « jalon 25 », « jalons 12 et 14 », « jalons 3, 5 ou 8 »: a plain mention is a link too.
# The grammar the README states: « le jalon 25 », « les jalons 12 et 14 », « les jalons 3, 4 ou 5 ». Only the
# plural takes a list: « le jalon 22 et 300 entreprises » names jalon 22, not jalon 300.
_MENTION = re.compile(r"\b(?P<mot>[Jj]alon(?P<pluriel>s)?\s+)(?P<numero>\d{1,3})"
                      r"(?P<suite>(?(pluriel)(?:\s*(?:,|et|ou)\s*\d{1,3})*|))\b")
_NUMBER = re.compile(r"\d{1,3}")


def _link(number: str, words: str) -> Iterator[Token]:
    yield Token("link_open", "a", 1, attrs={"href": f"jalon:{int(number)}"})
    yield Token("text", "", 0, content=words)
    yield Token("link_close", "a", -1)


def _text(content: str) -> Iterator[Token]:
    if content:
        yield Token("text", "", 0, content=content)


def _split_mentions(content: str) -> Iterator[Token]:
    position = 0
    for match in _MENTION.finditer(content):
        yield from _text(content[position:match.start()])
        yield from _link(match["numero"], match["mot"] + match["numero"])
        rest, offset = match["suite"], match.start("suite")
        for number in _NUMBER.finditer(rest):
            yield from _text(content[offset:match.start("suite") + number.start()])
            yield from _link(number.group(), number.group())
            offset = match.start("suite") + number.end()
        position = match.end()
    yield from _text(content[position:])


def _link_mentions(state: StateCore) -> None:
    for block in state.tokens:
        if block.type != "inline" or not block.children:
            continue
        children, depth = [], 0
        for token in block.children:
            depth += token.type == "link_open"
            depth -= token.type == "link_close"
            if token.type == "text" and depth == 0 and _MENTION.search(token.content):
                children.extend(_split_mentions(token.content))
            else:
                children.append(token)
        block.children = children


_parser = MarkdownIt("zero", {"html": False}).enable(["emphasis", "link", "escape", "newline", "entity"])
_parser.core.ruler.push("jalon_mentions", _link_mentions)
# Every target is let through the parser so that the caller sees it: checking and rendering decide.
_parser.validateLink = lambda url: True


# A text with none of these characters, and no « jalon » mention, holds no markup: it needs no parser.
_MARKUP = re.compile(r"[*_\[\]\\`!&<>\n\r\x00]|jalon", re.IGNORECASE)


@lru_cache(maxsize=1 << 16)  # every text of a large corpus: parsed once, checked and rendered from the cache
def _inline_tokens(text: str) -> tuple[Token, ...]:
    blocks = _parser.parseInline(text)
    return tuple(blocks[0].children or ()) if blocks else ()


def link_targets(text: str) -> list[str]:
    """The target of every link written in `text`, in order."""
    if not _MARKUP.search(text):
        return []
    return [token.attrs["href"] for token in _inline_tokens(text) if token.type == "link_open"]


def plain_text(text: str) -> str:
    """The words of `text` without any markup, for titles and descriptions."""
    return "".join(token.content if token.type == "text" else "\n" if "break" in token.type else ""
                   for token in _inline_tokens(text))


def render_inline(text: str, resolve: Callable[[str], str | None]) -> str:
    """HTML for `text`; `resolve` turns a written target into a URL, or None to drop the link."""
    if not _MARKUP.search(text):
        # What the parser would give, without parsing (&, < and > cannot occur here).
        return text.replace('"', "&quot;")
    tokens: list[Token] = []
    dropped: list[bool] = []  # one entry per open link, to pair each close with its open
    for token in _inline_tokens(text):
        if token.type == "link_open":
            url = resolve(token.attrs["href"])
            dropped.append(url is None)
            if url is None:
                continue
            token = token.copy(attrs={"href": url})
        elif token.type == "link_close" and dropped.pop():
            continue
        tokens.append(token)
    return _parser.renderer.render(tokens, _parser.options, {})
