"""A generated page's HTML told again as Markdown, for engines that read Markdown (`jalons export`).

Prose becomes Markdown: headings, paragraphs, lists, links, emphasis. What Markdown cannot say stays
HTML, whole: the map, the form, tables (each cell names its column for phones), the progress scale (its
current step is a state), anything a script or an assistive technology reads an attribute of. A container
with a class keeps its tag and class, its inside read as Markdown (`markdown="1"`, the `md_in_html`
extension); a paragraph's or a list item's class or anchor is written for `attr_list` (`{: #id .class }`).

Text from content is escaped for Markdown as it was for HTML: `<` and `&` as entities, Markdown's signs
(`* _ [ ] { } # \\` and a list or quote sign starting a line) with a backslash, so that no content text
becomes markup, a link or an attribute list once read as Markdown.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Callable

from bs4 import BeautifulSoup, NavigableString, Tag
from markdownify import MarkdownConverter

BLOCK = {"p", "div", "section", "article", "aside", "header", "footer", "nav", "ul", "ol", "table", "form",
         "figure", "details", "blockquote", "dl", "h1", "h2", "h3", "h4", "h5", "h6", "script", "noscript", "svg",
         "fieldset", "hr", "pre"}
CONTAINERS = {"div", "section", "article", "aside", "header", "footer", "nav"}
ALWAYS_HTML = {"table", "form", "svg", "details", "select", "textarea", "input", "button", "label", "script",
               "noscript", "dl", "figure", "fieldset", "span", "abbr", "time", "small", "sup", "sub", "mark", "img"}
# Attributes Markdown can say: a link's target, and (through attr_list) an anchor and classes, and a section left
# out of the site's search (pageparts.heading).
SAYABLE = {"a": {"href"}, "p": {"class", "id"}, "li": {"class", "id"},
           **{f"h{level}": {"id", "data-search-exclude"} for level in range(1, 7)}}
_MARKDOWN_SIGNS = re.compile(r"([\\`\[\]{}#])")
_LINE_START_SIGNS = re.compile(r"^(\s*)(?:([-+>])|(\d+)\.)(?=\s)", re.M)


class _Converter(MarkdownConverter):
    def escape(self, text, parent_tags):
        # Python-Markdown reads an entity as its character and a backslash before these signs as the sign.
        text = _MARKDOWN_SIGNS.sub(r"\\\1", text).replace("&", "&amp;").replace("<", "&lt;")
        text = _LINE_START_SIGNS.sub(lambda m: m.group(1) + (f"\\{m.group(2)}" if m.group(2) else f"{m.group(3)}\\."),
                                     text)
        return super().escape(text, parent_tags)


def _markdown_can_say(element: Tag) -> bool:
    if element.name in ALWAYS_HTML:
        return False
    if any(attribute not in SAYABLE.get(element.name, ()) for attribute in element.attrs):
        return False
    if element.name == "a" and any(char in element.get("href", "") for char in " '\"()<>\\"):
        return False  # Markdown would read a title or the end of the link in the address: kept as HTML
    return element.name not in {"ul", "ol"} or _items_sayable(element)


def _items_sayable(element: Tag) -> bool:
    """Whether every item of a list can be a Markdown item: no attribute Markdown cannot say, no block but a sub-list."""
    return all(_markdown_can_say(item) and not item.find(BLOCK - {"ul", "ol"})
               for item in element.find_all("li", recursive=False))


def _attr_list(element: Tag) -> str:
    parts = [f"#{element['id']}"] if element.get("id") else []
    parts += [f".{name}" for name in element.get("class", [])]
    return "\n{: " + " ".join(parts) + " }" if parts else ""  # on a line of its own: attr_list's block form


class _Placeholders:
    """Where kept HTML goes back once the rest is Markdown: a block on a line of its own, inline anywhere.
    The tokens carry a random key, so that no content text can spell one."""

    def __init__(self, soup: BeautifulSoup, link: Callable[[str], str]):
        self.soup = soup
        self.link = link
        self.html: list[str] = []
        key = secrets.token_hex(8)
        self.block_line = re.compile(rf"^[ \t]*JALONS{key}B(\d+)X[ \t]*$", re.M)
        self.inline = re.compile(rf"JALONS{key}I(\d+)X")
        self.forms = {"block": f"JALONS{key}B{{}}X", "inline": f"JALONS{key}I{{}}X"}

    def token(self, html: str, form: str = "inline") -> str:
        self.html.append(html)
        return self.forms[form].format(len(self.html) - 1)

    def block(self, html: str) -> Tag:
        paragraph = self.soup.new_tag("p")
        paragraph.string = self.token(html, "block")
        return paragraph

    def put_back(self, markdown: str) -> str:
        markdown = self.block_line.sub(lambda match: self.html[int(match.group(1))], markdown)
        return self.inline.sub(lambda match: self.html[int(match.group(1))], markdown)


def _opening_tag(element: Tag) -> str:
    copy = BeautifulSoup("", "html.parser").new_tag(element.name, attrs={**element.attrs, "markdown": "1"})
    return str(copy).removesuffix(f"</{element.name}>")


def _prepare(element: Tag, places: _Placeholders) -> None:
    for child in list(element.children):
        if not isinstance(child, Tag):
            continue
        block = child.name in BLOCK
        if child.name in CONTAINERS or (child.name in {"ul", "ol"} and set(child.attrs) == {"class"}
                                        and _items_sayable(child)):
            _prepare(child, places)
            if child.attrs:
                # The container keeps its tag and attributes; its inside is read as Markdown.
                opening = places.block(_opening_tag(child) if child.name not in {"ul", "ol"}
                                       else f'<div class="{" ".join(child["class"])}" markdown="1">')
                closing = places.block("</div>" if child.name in {"ul", "ol"} else f"</{child.name}>")
                child.insert_before(opening)
                child.insert_after(closing)
                if child.name in {"ul", "ol"}:
                    del child["class"]  # on the wrapper: a Markdown list has no attribute list
                else:
                    child.unwrap()
            else:
                child.unwrap()
        elif not _markdown_can_say(child):
            html = str(child)
            child.replace_with(places.block(html) if block else NavigableString(places.token(html)))
        else:
            if child.name in {"p", "li"} and child.attrs:
                nested = child.find(["ul", "ol"])
                suffix = NavigableString(places.token(_attr_list(child)))
                if nested is None:
                    # The attribute list on the item's last line: a line left blank after kept HTML would end
                    # the item before it, and attr_list would show it as text.
                    while child.contents and isinstance(child.contents[-1], NavigableString) \
                            and not child.contents[-1].strip():
                        child.contents[-1].extract()
                    child.append(suffix)
                else:
                    nested.insert_before(suffix)  # the item's own text ends before its sub-list
                child.attrs = {}
            elif child.name == "a":
                child["href"] = places.link(child.get("href", ""))
            elif child.name.startswith("h") and child.name[1:].isdigit():
                if "data-search-exclude" in child.attrs:
                    child.append(NavigableString(places.token(" { data-search-exclude }")))
                child.attrs = {}  # the engine's table of contents gives the same anchor (pageparts.heading)
            _prepare(child, places)


def as_markdown(html: str, link: Callable[[str], str] = lambda href: href) -> str:
    """`html` (a page's body, as the templates write it) as Markdown with HTML kept where it must be;
    `link` gives a Markdown link's target from the page's href (a page's address to its Markdown file)."""
    soup = BeautifulSoup(html, "html.parser")
    for line_break in soup.find_all("br"):  # the template's line ends around a <br> are not the reader's
        for text in (line_break.previous_sibling, line_break.next_sibling):
            if isinstance(text, NavigableString) and not text.strip():
                text.extract()
    places = _Placeholders(soup, link)
    _prepare(soup, places)
    markdown = _Converter(heading_style="ATX", bullets="-", escape_underscores=True, escape_asterisks=True, autolinks=False,
                          wrap=False).convert_soup(soup)
    markdown = places.put_back(markdown)
    return re.sub(r"\n{3,}", "\n\n", markdown).strip() + "\n"
