"""Links written in content text, their checking, and the graph they make between jalons and resources."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .corpus import Corpus
from .errors import ContentError
from .layout import EVALUATIONS_DIR, RESSOURCES_DIR
from .model import SECTIONS, jalons_de_la_feuille
from .textmarkup import link_targets
from .yamlsource import Loc, YamlDocument

# mailto: an address only. A query (?subject=, ?bcc=, ?body=) would send a copy, or words, the reader never
# wrote.
_WEB = re.compile(r"^(https?://[^\s/]+\S*|mailto:[^@\s?&]+@[^@\s?&]+)$", re.IGNORECASE)
_JALON = re.compile(r"^jalon:(\d+)$")
_RESSOURCE = re.compile(r"^ressource:([a-z0-9]+(?:-[a-z0-9]+)*)$")


@dataclass(frozen=True)
class Cible:
    """Where a link written in a text points."""

    genre: str  # "jalon", "ressource" or "web"
    valeur: str | int


class LienInvalide(ValueError):
    pass


def parse_target(href: str) -> Cible:
    if match := _JALON.match(href):
        return Cible("jalon", int(match.group(1)))
    if match := _RESSOURCE.match(href):
        return Cible("ressource", match.group(1))
    if _WEB.match(href):
        return Cible("web", href)
    raise LienInvalide(
        f"lien « {href} » non permis : un lien mène à https:…, http:…, mailto:ADRESSE (l'adresse seule, sans « ? »), "
        "jalon:NUMÉRO (par exemple jalon:25) ou ressource:IDENTIFIANT (par exemple ressource:ceriec)"
    )


@dataclass
class TexteSource:
    source: YamlDocument
    loc: Loc
    text: str
    jalon: int | None  # the fiche the text belongs to, if any


def texts(corpus: Corpus) -> Iterator[TexteSource]:
    """Every text of the corpus that accepts links, with its place in its file."""
    for numero, jalon in corpus.jalons.items():
        source = corpus.jalon_sources[numero]
        yield TexteSource(source, ("enonce",), jalon.enonce, numero)
        for key, _heading in SECTIONS:
            for index, item in enumerate(getattr(jalon, key)):
                yield TexteSource(source, (key, index), item, numero)
        for index, entry in enumerate(jalon.historique):
            yield TexteSource(source, ("historique", index, "resume"), entry.resume, numero)
    for identifiant, ressource in corpus.ressources.items():
        if ressource.description:
            yield TexteSource(corpus.ressource_sources[identifiant], ("description",), ressource.description, None)
    yield TexteSource(corpus.feuille_de_route_source, ("a_propos",), corpus.feuille_de_route.a_propos, None)
    for index, niveau in enumerate(corpus.feuille_de_route.echelle):
        if niveau.definition:
            yield TexteSource(corpus.feuille_de_route_source, ("echelle", index, "definition"), niveau.definition, None)
    for date, campagne in corpus.campagnes.items():
        source = corpus.campagne_sources[date]
        if campagne.methode:
            yield TexteSource(source, ("methode",), campagne.methode, None)
        for cle, evaluation in (campagne.jalons or {}).items():  # none while it is being prepared
            yield TexteSource(source, ("jalons", cle, "justification"), evaluation.justification, None)
            for index, preuve in enumerate(evaluation.preuves):
                yield TexteSource(source, ("jalons", cle, "preuves", index), preuve, None)


# A hand-written page's Markdown link to a jalon's page: « [le jalon 22](jalons/22/index.md) ».
_PAGE_LINK = re.compile(r"\]\(\s*<?(?:\.{1,2}/)*jalons/(\d+)/")


@dataclass(frozen=True)
class MentionDePage:
    path: Path
    line: int
    column: int
    numero: int


def page_mentions(pages_dir: Path) -> list[MentionDePage]:
    """The jalon pages that the hand-written pages link to: each gets its page even without a fiche
    (a « fiche à venir »), and a link to a jalon outside the roadmap is an error, as in content text."""
    mentions = []
    if not pages_dir.is_dir():
        return mentions
    for path in sorted(pages_dir.rglob("*.md")):
        if path.is_symlink() or not path.is_file():
            continue  # MkDocs reads these pages; only links in the site's own files matter here
        try:
            text = path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue
        for match in _PAGE_LINK.finditer(text):
            line = text.count("\n", 0, match.start()) + 1
            column = match.start() - (text.rfind("\n", 0, match.start()) + 1) + 1
            mentions.append(MentionDePage(path, line, column, int(match.group(1))))
    return mentions


def check_links(corpus: Corpus, ressource_ids: set[str]) -> list[ContentError]:
    """Errors for each link to a jalon outside the roadmap, an unknown resource or a forbidden scheme."""
    errors = []
    last = corpus.feuille_de_route.nombre_jalons
    for mention in corpus.mentions_pages:
        if not 1 <= mention.numero <= last:
            errors.append(ContentError(mention.path, mention.line, mention.column,
                                       f"lien vers le jalon {mention.numero}, qui n'existe pas : "
                                       f"{jalons_de_la_feuille(last)}"))
    for texte in texts(corpus):
        for href in link_targets(texte.text):
            try:
                cible = parse_target(href)
            except LienInvalide as exc:
                errors.append(texte.source.error(texte.loc, str(exc)))
                continue
            if cible.genre == "jalon" and not 1 <= cible.valeur <= last:
                errors.append(texte.source.error(
                    texte.loc, f"lien vers le jalon {cible.valeur}, qui n'existe pas : "
                               f"{jalons_de_la_feuille(last)}"))
            elif cible.genre == "ressource" and cible.valeur not in ressource_ids:
                errors.append(texte.source.error(
                    texte.loc, f"lien vers la ressource « {cible.valeur} », inconnue : aucun fichier "
                               f"content/ressources/{cible.valeur}.yml"))
    return errors


@dataclass
class Graphe:
    """Who cites whom: jalon to jalon, and jalons to resources."""

    cites: dict[int, list[int]] = field(default_factory=dict)
    cite_par: dict[int, list[int]] = field(default_factory=dict)
    # Where each resource is cited: in a fiche, by section key (`ressources` for its list of resources);
    # elsewhere, by text: "a_propos" (shown on every fiche) or "ressource:<id>" (another resource's description).
    ressource_sections: dict[str, dict[int, list[str]]] = field(default_factory=dict)
    ressource_ailleurs: dict[str, list[str]] = field(default_factory=dict)
    mobilise_par: dict[str, list[int]] = field(default_factory=dict)  # stakeholder group -> jalons
    mentionnes: set[int] = field(default_factory=set)  # every jalon linked from any text, fiche or not

    def ressource_citee_par(self, identifiant: str) -> list[int]:
        """The fiches that cite a resource, in order."""
        return sorted(self.ressource_sections.get(identifiant, {}))

    def jalons_a_venir(self, corpus: Corpus) -> list[int]:
        """Jalons cited somewhere that have no fiche yet."""
        return sorted(n for n in self.mentionnes if n not in corpus.jalons)

    def jalons_lies(self, numero: int) -> list[tuple[int, str]]:
        """The jalons a fiche cites and those that cite it, in order, each with how it is linked."""
        cites, cite_par = set(self.cites.get(numero, [])), set(self.cite_par.get(numero, []))
        relations = {True: {True: "cité par cette fiche, et la cite", False: "cité par cette fiche"},
                     False: {True: "cite cette fiche", False: ""}}
        return [(other, relations[other in cites][other in cite_par]) for other in sorted(cites | cite_par)]


def _add(index: dict, key, value) -> None:
    values = index.setdefault(key, [])
    if value not in values:
        values.append(value)


def build_graph(corpus: Corpus) -> Graphe:
    """The graph of a corpus whose links were checked (`check_links` found nothing)."""
    graphe = Graphe()
    for numero, jalon in corpus.jalons.items():
        for identifiant in jalon.ressources:
            _add(graphe.ressource_sections.setdefault(identifiant, {}), numero, "ressources")
        for identifiant in jalon.mobiliser:
            _add(graphe.mobilise_par, identifiant, numero)
    graphe.mentionnes.update(mention.numero for mention in corpus.mentions_pages)
    for texte in texts(corpus):
        for href in link_targets(texte.text):
            cible = parse_target(href)
            if cible.genre == "jalon":
                graphe.mentionnes.add(cible.valeur)
            if texte.jalon is None:
                if cible.genre == "ressource" and texte.loc == ("a_propos",):
                    _add(graphe.ressource_ailleurs, cible.valeur, "a_propos")
                elif cible.genre == "ressource" and texte.source.path.parent.name in (RESSOURCES_DIR, EVALUATIONS_DIR):
                    kind = "ressource" if texte.source.path.parent.name == RESSOURCES_DIR else "evaluation"
                    _add(graphe.ressource_ailleurs, cible.valeur, f"{kind}:{texte.source.path.stem}")
                continue
            if cible.genre == "jalon" and cible.valeur != texte.jalon:
                _add(graphe.cites, texte.jalon, cible.valeur)
                _add(graphe.cite_par, cible.valeur, texte.jalon)
            elif cible.genre == "ressource":
                _add(graphe.ressource_sections.setdefault(cible.valeur, {}), texte.jalon, texte.loc[0])
    for index in (graphe.cites, graphe.cite_par):
        for values in index.values():
            values.sort()
    return graphe
