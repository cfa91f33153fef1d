"""Links written in content text, their checking, and the graph they make between jalons and resources."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from .corpus import Corpus
from .errors import ContentError
from .model import SECTIONS
from .textmarkup import link_targets
from .yamlsource import Loc, YamlDocument

_WEB = re.compile(r"^(https?://[^\s/]+\S*|mailto:[^@\s]+@[^@\s]+)$", re.IGNORECASE)
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
        f"lien « {href} » non permis : un lien mène à https:…, http:…, mailto:…, "
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


def check_links(corpus: Corpus, ressource_ids: set[str]) -> list[ContentError]:
    """Errors for each link to a jalon outside the roadmap, an unknown resource or a forbidden scheme."""
    errors = []
    last = corpus.feuille_de_route.nombre_jalons
    for texte in texts(corpus):
        for href in link_targets(texte.text):
            try:
                cible = parse_target(href)
            except LienInvalide as exc:
                errors.append(texte.source.error(texte.loc, str(exc)))
                continue
            if cible.genre == "jalon" and not 1 <= cible.valeur <= last:
                errors.append(texte.source.error(
                    texte.loc, f"lien vers le jalon {cible.valeur}, qui n'existe pas : la feuille de route "
                               f"compte les jalons 1 à {last}"))
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
    ressource_citee_par: dict[str, list[int]] = field(default_factory=dict)
    mobilise_par: dict[str, list[int]] = field(default_factory=dict)  # stakeholder group -> jalons
    mentionnes: set[int] = field(default_factory=set)  # every jalon linked from any text, fiche or not

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
            _add(graphe.ressource_citee_par, identifiant, numero)
        for identifiant in jalon.mobiliser:
            _add(graphe.mobilise_par, identifiant, numero)
    for texte in texts(corpus):
        for href in link_targets(texte.text):
            cible = parse_target(href)
            if cible.genre == "jalon":
                graphe.mentionnes.add(cible.valeur)
            if texte.jalon is None:
                continue
            if cible.genre == "jalon" and cible.valeur != texte.jalon:
                _add(graphe.cites, texte.jalon, cible.valeur)
                _add(graphe.cite_par, cible.valeur, texte.jalon)
            elif cible.genre == "ressource":
                _add(graphe.ressource_citee_par, cible.valeur, texte.jalon)
    for index in (graphe.cites, graphe.cite_par, graphe.ressource_citee_par):
        for values in index.values():
            values.sort()
    return graphe
