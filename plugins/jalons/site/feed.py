"""The Atom feed (/feed.xml): one entry per assessment campaign, then one per published version of a fiche,
each newest first."""

from __future__ import annotations

import datetime
from collections.abc import Collection
import xml.etree.ElementTree as ET

from . import urls
from ..content.corpus import Corpus
from ..content.dates import mois_annee
from ..content.errors import compte
from ..content.history import Historique, VersionPubliee
from ..content.model import LANGUE
from ..content.textmarkup import plain_text
from ..content.textrules import strip_forbidden
from .typography import french

ATOM = "http://www.w3.org/2005/Atom"


def _timestamp(version: VersionPubliee) -> str:
    return version.publiee_le.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def summary(version: VersionPubliee) -> str:
    lines = []
    if version.note:
        lines.append(plain_text(version.note))
    if version.premiere:
        lines.append("Première version publiée.")
    lines += [f"{c.section}, {c.nature} : {plain_text(c.texte)}" for c in version.changements]
    return "\n".join(lines) or "Nouvelle version."


def atom_feed(corpus: Corpus, historique: Historique, site_url: str | None,
              version_pages: dict[int, Collection[str]]) -> str:
    """`version_pages`: the versions of each fiche that have a permanent page, which their entry links to."""
    feuille = corpus.feuille_de_route
    authority = feuille.contact.rsplit("@", 1)[-1]

    def absolute(url: str) -> str:
        # Without site_url, links stay relative to the feed, which sits at the site's root.
        return urls.absolute(site_url, url) or url or "./"

    ET.register_namespace("", ATOM)
    root = ET.Element(f"{{{ATOM}}}feed", {"xml:lang": LANGUE})
    versions = historique.toutes()
    ET.SubElement(root, f"{{{ATOM}}}id").text = absolute(urls.FEED) if site_url else f"tag:{authority},2025:fiches-jalons"
    ET.SubElement(root, f"{{{ATOM}}}title").text = f"Fiches jalons — {feuille.nom}"
    ET.SubElement(root, f"{{{ATOM}}}subtitle").text = \
        "Les versions publiées des fiches jalons et les évaluations de leur avancement."
    stamps = [*(_timestamp(v) for v in versions), *(f"{date}-01T00:00:00Z" for date in corpus.suivi.campagnes)]
    ET.SubElement(root, f"{{{ATOM}}}updated").text = max(stamps, default="2025-01-01T00:00:00Z")
    ET.SubElement(root, f"{{{ATOM}}}link", {"rel": "self", "href": absolute(urls.FEED)})
    ET.SubElement(root, f"{{{ATOM}}}link", {"rel": "alternate", "type": "text/html", "href": absolute(urls.NOUVEAUTES)})
    author = ET.SubElement(root, f"{{{ATOM}}}author")
    ET.SubElement(author, f"{{{ATOM}}}name").text = f"{feuille.organisation} ({feuille.sigle})"
    ET.SubElement(author, f"{{{ATOM}}}email").text = feuille.contact
    if feuille.licence:  # absent until the RRECQ chooses it, and then never invented here
        ET.SubElement(root, f"{{{ATOM}}}rights").text = f"{feuille.licence.nom} ({feuille.licence.spdx}) : {feuille.licence.url}"
    suivi = corpus.suivi
    for date in reversed(suivi.campagnes):  # each assessment campaign: where Québec stood that month
        evaluations = suivi.de_la_campagne(date)
        entry = ET.SubElement(root, f"{{{ATOM}}}entry")
        ET.SubElement(entry, f"{{{ATOM}}}id").text = f"tag:{authority},{date[:4]}:fiches-jalons/evaluations/{date}"
        ET.SubElement(entry, f"{{{ATOM}}}title").text = f"{suivi.titre(date)} : {compte(len(evaluations), 'jalon évalué')}"
        ET.SubElement(entry, f"{{{ATOM}}}updated").text = f"{date}-01T00:00:00Z"
        ET.SubElement(entry, f"{{{ATOM}}}link", {"rel": "alternate", "type": "text/html",
                                                  "href": absolute(f"{urls.AVANCEMENT}#campagne-{date}")})
        ET.SubElement(entry, f"{{{ATOM}}}summary", {"type": "text"}).text = "\n".join(
            f"Jalon {e.numero} : {corpus.libelle_niveau(e.niveau)}. {plain_text(e.justification)}" for e in evaluations)
    for version in versions:
        jalon = corpus.jalons[version.numero]
        entry = ET.SubElement(root, f"{{{ATOM}}}entry")
        ET.SubElement(entry, f"{{{ATOM}}}id").text = \
            f"tag:{authority},{version.version[:4]}:fiches-jalons/jalons/{version.numero}/{version.version}"
        ET.SubElement(entry, f"{{{ATOM}}}title").text = \
            f"Jalon {version.numero} — {jalon.titre} : version de {mois_annee(version.version)}"
        ET.SubElement(entry, f"{{{ATOM}}}updated").text = _timestamp(version)
        has_page = version.version in version_pages.get(version.numero, ())
        page = urls.version(version.numero, version.version) if has_page else urls.jalon(version.numero)
        ET.SubElement(entry, f"{{{ATOM}}}link", {"rel": "alternate", "type": "text/html", "href": absolute(page)})
        ET.SubElement(entry, f"{{{ATOM}}}summary", {"type": "text"}).text = summary(version)
    shown = {f"{{{ATOM}}}{name}" for name in ("title", "subtitle", "summary")}
    for element in root.iter():
        # Well-formed whatever a text holds: XML 1.0 has no place for control characters (textrules).
        if element.text:
            element.text = strip_forbidden(element.text)
            if element.tag in shown:
                element.text = french(element.text)  # what a feed reader shows, spaced as on the site
        for name, value in element.attrib.items():
            element.attrib[name] = strip_forbidden(value)
    ET.indent(root)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
