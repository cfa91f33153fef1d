"""The small, safe Markdown subset of content text: emphasis and links, never raw HTML.

Raw HTML in a text is shown as text (escaped). A link whose target the caller does not resolve is
rendered as its words alone, so no `javascript:` or other scheme can ever reach a page.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

from markdown_it import MarkdownIt
from markdown_it.token import Token

_parser = MarkdownIt("zero", {"html": False}).enable(["emphasis", "link", "escape", "newline", "entity"])
# Every target is let through the parser so that the caller sees it: checking and rendering decide.
_parser.validateLink = lambda url: True


@lru_cache(maxsize=4096)
def _inline_tokens(text: str) -> tuple[Token, ...]:
    blocks = _parser.parseInline(text)
    return tuple(blocks[0].children or ()) if blocks else ()


def link_targets(text: str) -> list[str]:
    """The target of every link written in `text`, in order."""
    return [token.attrs["href"] for token in _inline_tokens(text) if token.type == "link_open"]


def plain_text(text: str) -> str:
    """The words of `text` without any markup, for titles and descriptions."""
    return "".join(token.content if token.type == "text" else "\n" if "break" in token.type else ""
                   for token in _inline_tokens(text))


def render_inline(text: str, resolve: Callable[[str], str | None]) -> str:
    """HTML for `text`; `resolve` turns a written target into a URL, or None to drop the link."""
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
