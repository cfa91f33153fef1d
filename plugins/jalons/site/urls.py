"""The public URLs of the site (stable: people cite them) and links between its pages."""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from urllib.parse import urljoin

import yaml

# Site-root-relative URLs of directory-style pages (`use_directory_urls: true`).
ACCUEIL = ""
INDEX_JALONS = "jalons/"
RESSOURCES = "ressources/"
PARTIES_PRENANTES = "parties-prenantes/"
AVANCEMENT = "avancement/"
CONTRIBUER = "contribuer/"
DEPOT = "contribuer/depot/"  # contributing through the repository: for those who edit files
FORMAT = "contribuer/format/"  # the file-format reference, for contributors who edit the YAML
A_PROPOS = "a-propos/"
DONNEES = "donnees/"
NOUVEAUTES = "nouveautes/"
FEED = "feed.xml"
# Every word of each published fiche, for the word filter of /jalons/: fetched only when a reader types a word there,
# not carried by the list itself (at 67 fiches, half a megabyte of a page every visitor of the list would load).
TEXTES_JALONS = "jalons/textes.json"


def jalon(numero: int) -> str:
    # By number, not slug, so that a retitled fiche keeps its URL.
    return f"jalons/{numero}/"


def version(numero: int, version: str) -> str:
    """The permanent address of one version of a fiche (`jalons/22/2025-07/`): what citations point to."""
    return f"{jalon(numero)}{version}/"


def of_one_jalon(url: str) -> bool:
    """Whether `url` is a page of one jalon: its fiche (or « fiche à venir »), or one of its versions."""
    return url.startswith(INDEX_JALONS) and url[len(INDEX_JALONS):].split("/")[0].isdigit()


def citation(numero: int, version_: str, extension: str) -> str:
    """A file to cite one version (BibTeX, RIS, CSL-JSON), beside its page."""
    return f"{version(numero, version_)}jalon-{numero}-{version_}.{extension}"


def ressource(identifiant: str) -> str:
    return f"{RESSOURCES}#{identifiant}"


def pdf(numero: int) -> str:
    return f"{jalon(numero)}fiche-jalon-{numero}.pdf"


def partie_prenante(identifiant: str) -> str:
    return f"{PARTIES_PRENANTES}{identifiant}/"


def section_of(url: str, sections) -> str | None:
    """The nearest page above `url` among `sections` (the navigation's pages), the home page aside:
    jalons/ for jalons/22/, where the navigation marks a reader's place."""
    parts = url.strip("/").split("/")[:-1]
    while parts:
        candidate = "/".join(parts) + "/"
        if candidate in sections:
            return candidate
        parts.pop()
    return None


STYLESHEET = "assets/stylesheets/jalons.css"
SCRIPTS = ("jalons-filtres.js", "jalons-contribuer.js", "jalons-carte.js")
LOGO = "assets/images/logo.svg"
FAVICON = "assets/images/favicon.png"  # Material's own address for it: every engine's pages link it already


def partage(numero: int | None = None) -> str:
    """The share image (1200×630) of jalon `numero`'s fiche, or of the whole roadmap."""
    return f"assets/images/partage/{f'jalon-{numero}' if numero else 'feuille-de-route'}.png"


def script(name: str) -> str:
    """A script of the package's assets, loaded only by the pages that use it (a fiche loads no map code)."""
    return f"assets/javascripts/{name}"


def assets() -> dict[str, str]:
    """Site path -> file name in the package's `assets/`: the site's own scripts (its stylesheet is made with
    the organisation's palette, site/identite.py)."""
    return {script(name): name for name in SCRIPTS}


def url_of(source: str) -> str:
    """The address of a generated page from its Markdown file (`jalons/22/index.md` → `jalons/22/`)."""
    return source.removesuffix("index.md")


def source_of(url: str) -> str:
    """The generated Markdown file that MkDocs publishes at `url`."""
    return f"{url}index.md"


@lru_cache(maxsize=1 << 16)
def relative(from_page: str, to: str) -> str:
    """`to` as a link written on the page at `from_page` (both site-root-relative; pages end in /)."""
    path, hash_, fragment = to.partition("#")
    source, target = from_page.split("/")[:-1], path.split("/")
    common = 0
    while common < min(len(source), len(target) - 1) and source[common] == target[common]:
        common += 1
    link = "/".join([".."] * (len(source) - common) + target[common:])
    return (link or "./") + hash_ + fragment


class _AnyTags(yaml.SafeLoader):
    """mkdocs.yml as YAML, its tags (`!ENV`, `!!python/name:`) read as nothing: only a plain `site_url` is wanted."""


_AnyTags.add_multi_constructor("", lambda loader, suffix, node: None)


def configured_site_url(config_file: Path) -> str | None:
    """The site's public address as mkdocs.yml gives it, which `mkdocs serve` replaces with its own before any
    plugin sees it: the PDFs print the public address, and their cache serves `build` and `serve` alike."""
    try:
        config = yaml.load(config_file.read_text(encoding="utf-8"), Loader=_AnyTags)
    except (OSError, yaml.YAMLError):
        return None
    url = config.get("site_url") if isinstance(config, dict) else None
    return url if isinstance(url, str) and url else None


def absolute(site_url: str | None, url: str) -> str | None:
    """`url` (site-root-relative) as an address on the web, if the site's address is known."""
    return site_url.rstrip("/") + "/" + url if site_url else None


def schema(name: str) -> str:
    return f"{DONNEES}{name}.schema.json"


@dataclass(frozen=True)
class Forge:
    """Where the project's files can be edited online (MkDocs' repo_url and edit_uri)."""

    project_dir: Path
    docs_dir: Path
    repo_url: str | None = None
    edit_uri: str | None = None

    def edit_uri_of(self, file: Path) -> str:
        """The file relative to docs_dir, which MkDocs appends to edit_uri (`../jalons/22-….yml`)."""
        return Path(os.path.relpath(file, self.docs_dir)).as_posix()

    def edit_url(self, file: Path) -> str | None:
        if not (self.repo_url and self.edit_uri):
            return None
        return urljoin(self.repo_url.rstrip("/") + "/", self.edit_uri + self.edit_uri_of(file))
