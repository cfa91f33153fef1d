"""The organisation's logo, an SVG file of the content: served from the site's own address, so it is checked as
content text is. It may draw, never run a script, load anything from elsewhere or expand entities."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ElementTree
from pathlib import Path

MAX_BYTES = 200_000  # a logo, not a drawing: a header image loaded on every page
# An animation may set any attribute, a link's address included (`<animate attributeName="href" to="javascript:…">`).
FORBIDDEN_ELEMENTS = {"script", "foreignobject", "iframe", "embed", "object", "audio", "video",
                      "set", "animate", "animatemotion", "animatetransform", "animatecolor", "discard"}
EXTERNAL = re.compile(r"url\(\s*['\"]?(?!#)|@import", re.IGNORECASE)  # a style that loads something else


def _local(name: str) -> str:
    return name.rsplit("}", 1)[-1].lower()


def logo_problem(path: Path) -> str | None:
    """What makes `path` unfit as the site's logo, in French; None when it is fit."""
    if not path.is_file():
        return f"fichier introuvable : {path.name} (à placer à côté de feuille-de-route.yml)"
    data = path.read_bytes()
    if len(data) > MAX_BYTES:
        return f"logo trop lourd : {len(data) // 1000} ko, au plus {MAX_BYTES // 1000} ko attendus"
    if b"<!DOCTYPE" in data.upper() or b"<!ENTITY" in data.upper():
        return "un SVG sans DOCTYPE ni entité attendu"
    try:
        root = ElementTree.fromstring(data)
    except ElementTree.ParseError as exc:
        line, column = exc.position
        return f"SVG illisible (ligne {line}, colonne {column + 1} du fichier {path.name})"
    if _local(root.tag) != "svg":
        return f"un fichier SVG attendu (élément racine <svg>) ; trouvé : <{_local(root.tag)}>"
    for element in root.iter():
        name = _local(element.tag)
        if name in FORBIDDEN_ELEMENTS:
            return (f"élément <{name}> refusé dans le logo : il peut exécuter un script, charger un autre fichier "
                    "ou changer l'adresse d'un lien")
        if name == "style" and EXTERNAL.search(element.text or ""):
            return "style refusé dans le logo : il charge un autre fichier (url(…) ou @import)"
        for attribute, value in element.attrib.items():
            key = _local(attribute)
            if key.startswith("on"):
                return f"attribut {key} refusé dans le logo : il exécute un script"
            if key == "href" and not value.startswith("#"):
                return f"lien « {value} » refusé dans le logo : seuls les renvois internes (#…) sont permis"
            if EXTERNAL.search(value):
                return f"attribut {key} refusé dans le logo : il charge un autre fichier (url(…) ou @import)"
    return None
