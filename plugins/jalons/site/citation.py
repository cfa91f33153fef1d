"""How to cite a fiche: one citation record per published version, and every form it takes from it —
the reference shown on the page (APA 7 style, in French), the BibTeX, RIS and CSL-JSON downloads for
reference managers, and the Highwire and Dublin Core tags that Zotero and Google Scholar read.

The RRECQ is the author: no fiche names people as its authors. The address cited is the version's
permanent address (`/jalons/22/2025-07/`), so that a reference keeps pointing at the text it quotes.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from markupsafe import Markup

from . import urls
from ..content.corpus import Corpus
from ..content.dates import MOIS, mois_annee
from ..content.model import LANGUE, Jalon
from ..content.textrules import strip_forbidden

GENRE = "Fiche jalon"
FORMATS = {"bib": "BibTeX", "ris": "RIS", "csl.json": "CSL-JSON"}  # file extension: format


@dataclass(frozen=True)
class Citation:
    numero: int
    titre: str  # « Jalon 22 — Réseaux de collaboration… »
    auteur: str  # the organisation
    sigle: str
    collection: str  # the roadmap the fiche belongs to
    version: str  # AAAA-MM
    langue: str
    url: str | None  # the version's permanent address on the web, if the site's address is known
    pdf_url: str | None  # the PDF of this version, if there is one
    licence_url: str | None

    @property
    def annee(self) -> int:
        return int(self.version[:4])

    @property
    def mois(self) -> int:
        return int(self.version[5:])

    @property
    def version_lisible(self) -> str:
        """The version as reference styles print it: « juillet 2025 ». Given as « 2025-07 », citeproc reads
        a range, and APA or Chicago print « Versions 2025-07 »."""
        return mois_annee(self.version)

    @property
    def cle(self) -> str:
        """The record's key in BibTeX and CSL-JSON: rrecq-jalon-22-2025-07."""
        return re.sub(r"[^a-z0-9]+", "-", f"{self.sigle.lower()}-jalon-{self.numero}-{self.version}").strip("-")


def citation_of(jalon: Jalon, corpus: Corpus, site_url: str | None, pdf: bool) -> Citation:
    """The record for `jalon` as it stands in its version `jalon.version`; `pdf`: whether that version
    has a PDF (only the current version has one)."""
    feuille = corpus.feuille_de_route
    return Citation(
        numero=jalon.numero, titre=_one_line(f"Jalon {jalon.numero} — {jalon.titre}"), auteur=_one_line(feuille.organisation),
        sigle=feuille.sigle, collection=_one_line(feuille.nom), version=jalon.version, langue=LANGUE,
        url=urls.absolute(site_url, urls.version(jalon.numero, jalon.version)),
        pdf_url=urls.absolute(site_url, urls.pdf(jalon.numero)) if pdf else None,
        licence_url=feuille.licence.url if feuille.licence else None)


def _one_line(text: str) -> str:
    # A line break inside a value would end a RIS line or a meta tag's sense: a citation is one line each.
    return " ".join(strip_forbidden(text).split())


def reference_html(c: Citation) -> Markup:
    """The reference as a reader copies it, APA 7 style for a report by an organisation that is also its
    publisher: Organisation. (2025, juillet). *Titre* (version de juillet 2025) [Fiche jalon, collection]. URL"""
    reference = Markup("{}. ({}, {}). <em>{}</em> (version de {}) [{}, {}].").format(
        c.auteur, c.annee, MOIS[c.mois - 1], c.titre, mois_annee(c.version), GENRE, c.collection)
    return reference + (Markup(" {}").format(c.url) if c.url else Markup(""))


_BIBTEX_SPECIAL = re.compile(r"([\\{}%&#$_^~])")


def _bibtex_value(text: str) -> str:
    # Braced values: LaTeX's special characters are escaped, so no value can close its braces or start
    # a command; a corporate author is braced twice so it is not split into first and last names.
    def escaped(match: re.Match) -> str:
        char = match.group(1)
        return {"\\": r"\textbackslash{}", "^": r"\textasciicircum{}", "~": r"\textasciitilde{}"}.get(char, "\\" + char)
    return _BIBTEX_SPECIAL.sub(escaped, text)


def bibtex(c: Citation) -> str:
    months = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
    fields = [("author", "{{" + _bibtex_value(c.auteur) + "}}"), ("title", "{" + _bibtex_value(c.titre) + "}"),
              ("institution", "{" + _bibtex_value(c.auteur) + "}"), ("type", "{" + GENRE + "}"),
              ("series", "{" + _bibtex_value(c.collection) + "}"), ("year", str(c.annee)),
              ("month", months[c.mois - 1]), ("version", "{" + c.version_lisible + "}"), ("language", "{french}")]
    if c.url:
        fields.append(("url", "{" + _bibtex_value(c.url) + "}"))
    return f"@techreport{{{c.cle},\n" + "".join(f"  {name} = {value},\n" for name, value in fields) + "}\n"


def ris(c: Citation) -> str:
    lines = [("TY", "RPRT"), ("AU", c.auteur), ("TI", c.titre), ("T3", c.collection), ("PY", str(c.annee)),
             ("DA", f"{c.annee}/{c.mois:02d}//"), ("PB", c.auteur), ("M3", GENRE), ("ET", c.version_lisible), ("LA", c.langue)]
    if c.url:
        lines.append(("UR", c.url))
    if c.pdf_url:
        lines.append(("L1", c.pdf_url))
    return "".join(f"{tag}  - {value}\r\n" for tag, value in lines) + "ER  - \r\n"


def csl_json(c: Citation) -> str:
    item = {"id": c.cle, "type": "report", "title": c.titre, "author": [{"literal": c.auteur}],
            "issued": {"date-parts": [[c.annee, c.mois]]}, "publisher": c.auteur, "genre": GENRE,
            "collection-title": c.collection, "version": c.version_lisible, "language": c.langue}
    if c.url:
        item["URL"] = c.url
    return json.dumps([item], ensure_ascii=False, indent=2) + "\n"


def meta_tags(c: Citation) -> list[tuple[str, str]]:
    """Highwire tags (Google Scholar's inclusion guidelines, read by Zotero) and Dublin Core fallbacks,
    as (name, content) pairs."""
    tags = [("citation_title", c.titre), ("citation_author", c.auteur),
            ("citation_publication_date", f"{c.annee}/{c.mois:02d}"),
            ("citation_technical_report_institution", c.auteur), ("citation_language", c.langue)]
    if c.pdf_url:
        tags.append(("citation_pdf_url", c.pdf_url))
    if c.url:
        tags.append(("citation_abstract_html_url", c.url))
    tags += [("DC.title", c.titre), ("DC.creator", c.auteur), ("DC.publisher", c.auteur),
             ("DC.date", c.version), ("DC.type", "Text"), ("DC.language", c.langue)]
    if c.url:
        tags.append(("DC.identifier", c.url))
    if c.licence_url:
        tags.append(("DC.rights", c.licence_url))
    return tags


WRITERS = {"bib": bibtex, "ris": ris, "csl.json": csl_json}  # one for each of FORMATS


def downloads(c: Citation) -> dict[str, str]:
    """The files a reader downloads to cite the version, by site path."""
    return {urls.citation(c.numero, c.version, extension): WRITERS[extension](c) for extension in FORMATS}
