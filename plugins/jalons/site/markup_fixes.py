"""Fixes of Material's page markup that its templates offer no block for.

Material writes `autocomplete="off"` on its drawer and search checkboxes, an attribute HTML allows only
on text-like inputs (Nu HTML Checker errors); and the checkbox that opens the table of contents on a
phone has no name when the page has no table of contents to label it (HTML_CodeSniffer errors). The
markup is replaced literally, so that a change in Material is noticed: the test suite checks every page
type with both tools.
"""

from __future__ import annotations

FIXES = (
    ('<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer" autocomplete="off">',
     '<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer">'),
    ('<input class="md-toggle" data-md-toggle="search" type="checkbox" id="__search" autocomplete="off">',
     '<input class="md-toggle" data-md-toggle="search" type="checkbox" id="__search">'),
    ('<input class="md-nav__toggle md-toggle" type="checkbox" id="__toc">',
     '<input class="md-nav__toggle md-toggle" type="checkbox" id="__toc" aria-label="Sur cette page">'),
)


def fix_material_markup(html: str) -> str:
    for wrong, right in FIXES:
        html = html.replace(wrong, right, 1)
    return html
