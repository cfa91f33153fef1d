"""The permanent page of a fiche's current version, made from the fiche's own finished page rather than through
the theme a second time: the same header, menus and footer, one folder deeper, around the version's content.

What differs from the fiche's page is known and small: the version's content (rendered by our templates for its
own address), its title, its canonical address, the sections of its table of contents, and the relative
addresses of the theme's parts, one `../` deeper. The tests compare the result with the page MkDocs renders for
that address: the same, but for blank space.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from itertools import chain
from multiprocessing.connection import Connection
from pathlib import Path
from typing import TYPE_CHECKING

from ..content.errors import french_os_error

if TYPE_CHECKING:
    from .rendering import GeneratedPage


# A relative address in an attribute: not an anchor, not from the root, not with a scheme (https:, mailto:, data:).
_RELATIVE_ATTRIBUTE = re.compile(r'(\s(?:href|src)=")(?![#/"]|[A-Za-z][A-Za-z0-9+.-]*:)')
# Material's configuration and scope script name the site's root relatively too ("../.." on a fiche's page): each
# form, one folder deeper ("../../.."). Replaced as text: a pattern with these three beginnings read the whole page
# character by character, as long as the pattern of the addresses above (0.6 ms a page, now 0.37).
_RELATIVE_BASES = [(f'{start}.', f'{start}../.') for start in ('new URL("', '"base": "', '"search": "')]
# The title in Material's header (one pattern for every page: a pattern per title would be compiled per page).
_HEADER_TOPIC = re.compile(r'<div class="md-header__topic" data-md-component="header-topic">\s*<span class="md-ellipsis">'
                           r"\s*(?P<title>.*?)\s*</span>", re.S)


@dataclass(frozen=True)
class Version:
    content: str  # the version's content, as the page shows it (French spacing applied)
    title: str  # the version's title, HTML-escaped as the theme writes it
    canonical: str | None  # its web address, when the site's is known
    anchors: list[str]  # the ids of its table of contents' entries, in order


def _without_toc_entry(page: str, anchor: str) -> str | None:
    pattern = re.compile(r'\n[ \t]*\n[ \t]*<li class="md-nav__item">\s*<a href="#' + re.escape(anchor)
                         + r'" class="md-nav__link">(?:(?!<li\b).)*?</li>', re.S)
    page, count = pattern.subn("", page, count=1)
    return page if count == 1 else None


def _one_folder_deeper(part: str) -> str:
    """The theme's relative addresses in `part`, for a page one folder below."""
    part = _RELATIVE_ATTRIBUTE.sub(r"\1../", part)
    for base, deeper in _RELATIVE_BASES:
        part = part.replace(base, deeper)
    return part


def version_page(page: str, content: str, title: str, canonical: str | None, anchors: list[str],
                 version: Version) -> str | None:
    """The version's page from the fiche's finished `page` (its `content`, `title`, `canonical` address and table
    of contents `anchors`); None when the fiche's page does not have the expected form (the engine then says so:
    `derive_versions: false` has the page rendered as any other)."""
    removed = [anchor for anchor in anchors if anchor not in version.anchors]
    if page.count(content) != 1 or [anchor for anchor in anchors if anchor not in removed] != version.anchors:
        return None
    head, tail = map(_one_folder_deeper, page.split(content))
    for anchor in removed:
        head = _without_toc_entry(head, anchor)
        if head is None:
            return None
    if anchors and version.anchors and anchors[0] != version.anchors[0]:
        head = head.replace(f'<a href="#{anchors[0]}" class="md-skip">', f'<a href="#{version.anchors[0]}" class="md-skip">', 1)
    head = head.replace(f"<title>{title} — ", f"<title>{version.title} — ", 1)
    for tag in ('<meta property="og:title" content="{}">', '<meta property="og:image:alt" content="{}">',
                '<meta name="twitter:title" content="{}">'):  # what a share shows; the citation tags name the fiche
        head = head.replace(tag.format(title), tag.format(version.title), 1)
    topic = _HEADER_TOPIC.search(head)
    if topic is not None and topic.group("title") == title:
        head = head[:topic.start("title")] + version.title + head[topic.end("title"):]
    if canonical and version.canonical:
        for tag in ('<link rel="canonical" href="{}">', '<meta property="og:url" content="{}">'):
            head = head.replace(tag.format(html.escape(canonical)), tag.format(html.escape(version.canonical)), 1)
    return head + version.content + tail


def toc_anchors(entries) -> list[str]:
    """The ids of a table of contents, in order, children after their parent: MkDocs' `AnchorLink`s or the tokens
    of a generated page (dicts)."""
    anchors = []
    for entry in entries:
        anchors.append(entry["id"] if isinstance(entry, dict) else entry.id)
        anchors += toc_anchors(entry["children"] if isinstance(entry, dict) else entry.children)
    return anchors


def underivable(url: str) -> str:
    """Why the page of the version at `url` is not made, and what to do."""
    return (f"jalons : la page de la version actuelle ({url}) n'a pu être tirée de celle de sa fiche, dont le thème "
            "a changé de forme : mettez derive_versions: false sous le plugin jalons de mkdocs.yml, et signalez-le")


@dataclass(frozen=True)
class VersionRequest:
    """A fiche's finished page, once written, as the process that makes its current version's page needs it."""
    version_src: str  # the version's page, by its source path (rendered in that process)
    fiche_src: str
    fiche_file: str  # where the fiche's page is written
    content: str | None  # the fiche's content in its page; None: the one rendered (`GeneratedPage.shown`)
    title: str  # the fiche's title, as the theme writes it
    canonical: str | None
    anchors: list[str]
    url: str  # the version's address
    version_canonical: str | None
    target: str  # where its page is written


def derive_apart(connection: Connection, versions: Mapping[str, Callable[[], GeneratedPage]],
                 fiches: Mapping[str, GeneratedPage]) -> list[str]:
    """In a process of its own (site/parallel.Companion): the current versions' pages rendered (`versions`), then
    each made and written as its fiche's page is, from the requests read from `connection` until None; what could
    not be done, said in French. `fiches`: the fiches' rendered pages."""
    rendered, early = {}, []
    for src_uri, job in versions.items():
        rendered[src_uri] = job()
        while connection.poll():  # the pipe kept empty, so that sending never waits
            early.append(connection.recv())
    # Then each as it comes, up to the end (None), which may have come already.
    requests = early[:early.index(None)] if None in early else chain(early, iter(connection.recv, None))
    return [failure for request in requests if (failure := _made(request, rendered, fiches)) is not None]


def _made(request: VersionRequest, rendered: Mapping[str, GeneratedPage],
          fiches: Mapping[str, GeneratedPage]) -> str | None:
    """The version's page made and written; or why not."""
    generated = rendered[request.version_src]
    version = Version(generated.shown, generated.title, request.version_canonical, toc_anchors(generated.toc))
    content = request.content if request.content is not None else fiches[request.fiche_src].shown
    try:
        page = Path(request.fiche_file).read_text(encoding="utf-8")
        made = version_page(page, content, request.title, request.canonical, request.anchors, version)
        if made is None:
            return underivable(request.url)
        target = Path(request.target)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(made, encoding="utf-8")
    except OSError as exc:
        return f"jalons : la page {request.url} n'a pu être écrite : {french_os_error(exc)}"
    return None
