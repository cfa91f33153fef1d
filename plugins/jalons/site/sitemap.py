"""The sitemap that engines write lists every page. The permanent addresses of a fiche's versions are
there to be cited, not to compete in search engines with the fiche's own page: they are left out."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from urllib.parse import urlsplit

from . import urls

SITEMAP = "http://www.sitemaps.org/schemas/sitemap/0.9"


def without_version_pages(sitemap: str) -> str:
    ET.register_namespace("", SITEMAP)
    root = ET.fromstring(sitemap.encode("utf-8"))
    for entry in list(root):
        location = (entry.findtext(f"{{{SITEMAP}}}loc") or "").strip()
        if urls.is_version("/".join(urlsplit(location).path.strip("/").split("/")[-3:])):
            root.remove(entry)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
