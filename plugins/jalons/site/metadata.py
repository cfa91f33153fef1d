"""What a page tells browsers, search engines and sharing cards: front matter, JSON-LD."""

from __future__ import annotations

import html
import json

from ..content.corpus import Corpus
from .citation import Citation
from ..content.dates import debut_du_mois
from ..content.history import VersionPubliee
from ..content.model import LANGUE, Jalon
from ..content.textrules import strip_forbidden
from .typography import french


def _for_html(text: str) -> str:
    """Escaped for an HTML text or a double-quoted attribute, and no more: the front matter stays readable
    (« d'économie », not « d&#x27;économie ») in the Markdown files of `jalons export`."""
    return html.escape(text, quote=False).replace('"', "&quot;")


ESCAPED_META = ("title", "description")


def escaped_meta(meta: dict) -> dict:
    """A hand-written page's front matter values that reach <head>, escaped as `front_matter_values` escapes the
    generated pages' (the plugin for MkDocs, `jalons export` for Zensical); its title spaced as French asks, as
    every title a reader sees (its tab, the header)."""
    escaped = {key: _for_html(meta[key]) for key in ESCAPED_META if isinstance(meta.get(key), str)}
    if "title" in escaped:
        escaped["title"] = _for_html(french(meta["title"]))
    return escaped


def shown_title(title: str) -> str:
    """A generated page's title as the theme writes it (tab, header, sharing cards): spaced as French asks, and
    escaped here, once, as MkDocs and Material put it into HTML as it is."""
    return _for_html(french(title))


def _without_forbidden(value: object) -> object:
    if isinstance(value, str):
        return strip_forbidden(value)
    if isinstance(value, list | tuple):
        return [_without_forbidden(item) for item in value]
    if isinstance(value, dict):
        return {key: _without_forbidden(item) for key, item in value.items()}
    return value


def front_matter_values(title: str, description: str | None = None, **extra: object) -> dict:
    """A generated page's metadata, as MkDocs reads it back from its front matter (`front_matter_text`)."""
    # MkDocs and Material put the title and description into HTML unescaped: they are escaped here, once.
    values = {"title": shown_title(title)}
    if description:
        values["description"] = _for_html(" ".join(description.split()))
    values.update((key, value) for key, value in extra.items() if value is not None)  # None: not given
    # Without the characters YAML would read as line breaks (U+0085, U+2028…), no value ends early.
    return {key: _without_forbidden(value) for key, value in values.items()}


def front_matter_text(values: dict) -> str:
    # JSON is YAML: strings, and settings such as `search: {"exclude": true}`.
    lines = [f"{key}: {json.dumps(value, ensure_ascii=False)}" for key, value in values.items()]
    return "---\n" + "\n".join(lines) + "\n---\n"


def meta_values(tags: list[tuple[str, str]]) -> list[list[str]]:
    """(name, content) pairs for <meta> tags, for the front matter: the theme writes them as they are."""
    return [[name, _for_html(value)] for name, value in tags]


def script_json(data: object) -> str:
    """JSON that can sit inside a <script> element: no character of it can close the element."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def organisation_jsonld(corpus: Corpus) -> dict:
    """The RRECQ as schema.org names it: the author and publisher of the fiches and of the data."""
    feuille = corpus.feuille_de_route
    organisation = {"@type": "Organization", "name": feuille.organisation, "alternateName": feuille.sigle,
                    "email": feuille.contact}
    if feuille.identite.site:
        organisation["url"] = feuille.identite.site
    return organisation


def fiche_jsonld(jalon: Jalon, corpus: Corpus, version: VersionPubliee | None, description: str,
                 citation: Citation) -> str:
    """schema.org's description of the fiche as shown, consistent with its citation record: the same
    author, date, address (the version's) and licence."""
    feuille = corpus.feuille_de_route
    publisher = organisation_jsonld(corpus)
    data = {
        "@context": "https://schema.org",
        "@type": "CreativeWork",
        "name": citation.titre,
        "description": description,
        "version": jalon.version,
        "datePublished": f"{citation.annee:04d}-{citation.mois:02d}",
        "dateModified": (version.publiee_le if version else debut_du_mois(jalon.version)).date().isoformat(),
        "inLanguage": LANGUE,
        "isPartOf": {"@type": "CreativeWork", "name": feuille.nom},
        "author": publisher,
        "publisher": publisher,
    }
    if citation.url:
        data["url"] = citation.url
    if citation.pdf_url:
        data["encoding"] = {"@type": "MediaObject", "encodingFormat": "application/pdf", "contentUrl": citation.pdf_url}
    if feuille.licence:
        data["license"] = feuille.licence.url
    return script_json(data)
