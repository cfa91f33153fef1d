"""Two fixes of Material's page markup that its templates offer no block for (Nu HTML Checker errors).

Material writes `autocomplete="off"` on its drawer and search checkboxes, an attribute HTML allows only
on text-like inputs. The markup is replaced literally, so that a change in Material is noticed: the
test suite validates every page with the Nu HTML Checker.
"""

from __future__ import annotations

FIXES = (
    ('<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer" autocomplete="off">',
     '<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer">'),
    ('<input class="md-toggle" data-md-toggle="search" type="checkbox" id="__search" autocomplete="off">',
     '<input class="md-toggle" data-md-toggle="search" type="checkbox" id="__search">'),
)


def fix_material_markup(html: str) -> str:
    for wrong, right in FIXES:
        html = html.replace(wrong, right, 1)
    return html
