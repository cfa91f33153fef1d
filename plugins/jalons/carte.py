"""The map of the roadmap's jalons: a grid of hexagons, one per jalon, in number order."""

from __future__ import annotations

import math
from dataclasses import dataclass

from .corpus import Corpus
from .linking import Graphe

COLUMNS = 10
RADIUS = 30  # centre to corner, in SVG units
MARGIN = 4
_WIDTH = math.sqrt(3) * RADIUS  # of one pointy-top hexagon


@dataclass(frozen=True)
class Case:
    numero: int
    x: float  # centre
    y: float
    etat: str  # "publie", "cite" (fiche à venir, cited by a fiche) or "a-venir"
    pivot: bool
    titre: str | None

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


def carte(corpus: Corpus, graphe: Graphe) -> Carte:
    cases = []
    for index in range(corpus.feuille_de_route.nombre_jalons):
        numero, row, column = index + 1, index // COLUMNS, index % COLUMNS
        x = MARGIN + _WIDTH / 2 + column * _WIDTH + (_WIDTH / 2 if row % 2 else 0)
        y = MARGIN + RADIUS + row * 1.5 * RADIUS
        jalon = corpus.jalons.get(numero)
        etat = "publie" if jalon else "cite" if numero in graphe.mentionnes else "a-venir"
        entry = corpus.liste.jalons.get(numero) if corpus.liste else None
        titre = jalon.titre if jalon else entry.titre if entry else None
        cases.append(Case(numero, x, y, etat, corpus.est_pivot(numero), titre))
    rows = math.ceil(len(cases) / COLUMNS)
    width = 2 * MARGIN + _WIDTH * (COLUMNS + 0.5)
    height = 2 * MARGIN + RADIUS * (2 + 1.5 * (rows - 1))
    return Carte(cases, round(width, 1), round(height, 1))
