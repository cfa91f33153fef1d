"""The map of the roadmap's jalons: a grid of hexagons, one per jalon, each a link to its page (fiche or
« fiche à venir »), named by its statement. In number order, or at the places of the roadmap's
illustration when the list of jalons gives a row and a column to every jalon."""

from __future__ import annotations

import math
from dataclasses import dataclass

from ..content.corpus import Corpus
from ..content.linking import Graphe
from ..content.textmarkup import plain_text
from .niveaux import Barre, barres

COLUMNS = 10
RADIUS = 30  # centre to corner, in SVG units
MARGIN = 4
_WIDTH = math.sqrt(3) * RADIUS  # of one pointy-top hexagon
TARGET = 46  # CSS pixels: 44 at least, and a little more for the outline


@dataclass(frozen=True)
class Case:
    numero: int
    x: float  # centre
    y: float
    etat: str  # "publie", "cite" (fiche à venir, cited by a fiche) or "a-venir"
    pivot: bool
    titre: str | None
    enonce: str | None = None  # plain text
    rang: int | None = None  # its level on the scale (from 0), from its latest assessment
    niveau: str | None = None  # that level's label
    niveaux: int = 0  # how many levels the scale has

    def barres(self) -> list[Barre]:
        """The level drawn under the number: a bar per level of the scale, rising, filled up to the jalon's."""
        step = 24 / self.niveaux  # the bars fit the hexagon's width under the number, whatever the scale's length
        left = self.x - (self.niveaux * step - step / 3) / 2
        return barres(self.rang, self.niveaux, left, self.y + 21, step, 3, 10)

    @property
    def libelle(self) -> str:
        """The hexagon's accessible name and visible label: what a reader needs to choose it."""
        if self.etat == "publie":
            name = f"Jalon {self.numero} — {self.titre}"
        else:
            name = f"Jalon {self.numero} — fiche à venir" + (f" : {self.enonce}" if self.enonce else "")
        name += " (jalon pivot)" if self.pivot else ""
        return name + (f" · avancement : {self.niveau}" if self.niveau else "")

    def points(self, radius: float = RADIUS) -> str:
        corners = (math.radians(60 * k - 90) for k in range(6))
        return " ".join(f"{self.x + radius * math.cos(a):.1f},{self.y + radius * math.sin(a):.1f}" for a in corners)

    @property
    def inner_points(self) -> str:
        return self.points(RADIUS - 7)


@dataclass(frozen=True)
class Carte:
    cases: list[Case]
    width: float
    height: float

    @property
    def largeur_tactile(self) -> int:
        """The map's smallest width on screen, in CSS pixels: each hexagon at least TARGET wide, a finger's
        target (WCAG 2.5.5), however many columns the roadmap's illustration has."""
        return math.ceil(self.width * TARGET / _WIDTH)


def _places(corpus: Corpus) -> dict[int, tuple[int, int]]:
    """(row, column) from 0 of each jalon: the illustration's, when the list gives them all."""
    count = corpus.feuille_de_route.nombre_jalons
    entries = corpus.liste.jalons if corpus.liste else {}
    if entries and all(entry.rangee is not None for entry in entries.values()):
        return {numero: (entry.rangee - 1, entry.colonne - 1) for numero, entry in entries.items()}
    return {numero: ((numero - 1) // COLUMNS, (numero - 1) % COLUMNS) for numero in range(1, count + 1)}


def carte(corpus: Corpus, graphe: Graphe) -> Carte:
    cases = []
    places = _places(corpus)
    for numero, (row, column) in sorted(places.items()):
        x = MARGIN + _WIDTH / 2 + column * _WIDTH + (_WIDTH / 2 if row % 2 else 0)
        y = MARGIN + RADIUS + row * 1.5 * RADIUS
        jalon = corpus.jalons.get(numero)
        etat = "publie" if jalon else "cite" if numero in graphe.mentionnes else "a-venir"
        entry = corpus.entree_liste(numero)
        titre = jalon.titre if jalon else entry.titre if entry else None
        enonce = corpus.enonce(numero)
        evaluation = corpus.evaluation(numero)
        rang = corpus.suivi.rang(evaluation.niveau) if evaluation else None
        cases.append(Case(numero, x, y, etat, corpus.est_pivot(numero), titre,
                          " ".join(plain_text(enonce).split()) if enonce else None, rang,
                          corpus.libelle_niveau(evaluation.niveau) if evaluation else None,
                          len(corpus.feuille_de_route.echelle)))
    rows = max(row for row, _column in places.values()) + 1
    columns = max(column for _row, column in places.values()) + 1
    width = 2 * MARGIN + _WIDTH * (columns + 0.5)
    height = 2 * MARGIN + RADIUS * (2 + 1.5 * (rows - 1))
    return Carte(cases, round(width, 1), round(height, 1))
