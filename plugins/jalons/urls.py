"""The public URLs of the site (stable: people cite them) and links between its pages."""

from __future__ import annotations

import posixpath

# Site-root-relative URLs of directory-style pages (`use_directory_urls: true`).
ACCUEIL = ""
INDEX_JALONS = "jalons/"
RESSOURCES = "ressources/"
PARTIES_PRENANTES = "parties-prenantes/"
AVANCEMENT = "avancement/"


def jalon(numero: int) -> str:
    # By number, not slug, so that a retitled fiche keeps its URL.
    return f"jalons/{numero}/"


def ressource(identifiant: str) -> str:
    return f"{RESSOURCES}#{identifiant}"


def partie_prenante(identifiant: str) -> str:
    return f"{PARTIES_PRENANTES}{identifiant}/"


def source_of(url: str) -> str:
    """The generated Markdown file that MkDocs publishes at `url`."""
    return f"{url}index.md"


def relative(from_page: str, to: str) -> str:
    """`to` as a link written on the page at `from_page` (both site-root-relative)."""
    path, hash_, fragment = to.partition("#")
    target = posixpath.relpath(path or ".", from_page or ".")
    target = "./" if target == "." else target + ("/" if path.endswith("/") or not path else "")
    return target + hash_ + fragment
