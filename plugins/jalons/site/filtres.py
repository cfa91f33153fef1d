"""The choices of the filters of /jalons/: only those that match at least one jalon, each with how many it
matches, so that no choice leads to an empty list."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from ..content.corpus import Corpus

NON_EVALUE = "non-evalue"


@dataclass(frozen=True)
class Choix:
    valeur: str
    libelle: str
    nombre: int


@dataclass(frozen=True)
class Filtres:
    niveaux: list[Choix]
    parties: list[Choix]
    pivots: int
    niveau_de: dict[int, str]  # each jalon's current level id, or NON_EVALUE


def filter_choices(corpus: Corpus) -> Filtres:
    numeros = range(1, corpus.feuille_de_route.nombre_jalons + 1)
    niveau_de = {}
    for numero in numeros:
        evaluation = corpus.evaluation(numero)
        niveau_de[numero] = evaluation.niveau if evaluation else NON_EVALUE
    levels = Counter(niveau_de.values())
    niveaux = [Choix(niveau.id, niveau.libelle, levels[niveau.id])
               for niveau in corpus.feuille_de_route.echelle if levels[niveau.id]]
    if levels[NON_EVALUE]:
        niveaux.append(Choix(NON_EVALUE, "Non évalué", levels[NON_EVALUE]))
    groups = Counter(groupe for jalon in corpus.jalons.values() for groupe in jalon.mobiliser)
    parties = [Choix(partie.id, partie.nom, groups[partie.id])
               for partie in corpus.feuille_de_route.parties_prenantes if groups[partie.id]]
    return Filtres(niveaux, parties, sum(corpus.est_pivot(numero) for numero in numeros), niveau_de)
