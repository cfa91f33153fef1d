"""The validated content of a site, with where each piece came from."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import NamedTuple
from pathlib import Path

from .evaluations import EvaluationDatee, Suivi
from .liste import Liste
from .model import Campagne, FeuilleDeRoute, Jalon, JalonDeLaListe, Ressource
from .textmarkup import plain_text
from .yamlsource import YamlDocument


class RangeeAvancement(NamedTuple):
    libelle: str
    jalons: list[int]  # each has its page: its fiche, or « fiche à venir »


@dataclass
class Corpus:
    content_dir: Path
    feuille_de_route: FeuilleDeRoute
    feuille_de_route_source: YamlDocument
    jalons: dict[int, Jalon] = field(default_factory=dict)  # by numero, in order
    jalon_sources: dict[int, YamlDocument] = field(default_factory=dict)
    ressources: dict[str, Ressource] = field(default_factory=dict)  # by id (the file name), in order
    ressource_sources: dict[str, YamlDocument] = field(default_factory=dict)
    mentions_pages: list = field(default_factory=list)  # linking.MentionDePage: hand-written pages' links
    liste: Liste | None = None  # content/liste-des-jalons.yml, when the RRECQ has given it
    campagnes: dict[str, Campagne] = field(default_factory=dict)  # content/evaluations/, by date, oldest first
    campagne_sources: dict[str, YamlDocument] = field(default_factory=dict)

    @cached_property
    def suivi(self) -> Suivi:
        return Suivi(self.feuille_de_route, self.campagnes)

    def evaluation(self, numero: int) -> EvaluationDatee | None:
        """A jalon's current level: its latest assessment, if any."""
        return self.suivi.actuelle(numero)

    def entree_liste(self, numero: int) -> JalonDeLaListe | None:
        """The jalon's entry in the roadmap's list, if the list is given."""
        return self.liste.jalons.get(numero) if self.liste else None

    def enonce(self, numero: int) -> str | None:
        """A jalon's statement: its fiche's, else the list's, else unknown (None)."""
        if numero in self.jalons:
            return self.jalons[numero].enonce
        entry = self.entree_liste(numero)
        return entry.enonce if entry else None

    def nom(self, numero: int) -> str | None:
        """What a jalon is called on its own, for readers: its fiche's title, else the list's title, else its
        statement as plain text; None when the roadmap says nothing of it yet."""
        if numero in self.jalons:
            return self.jalons[numero].titre
        entry = self.entree_liste(numero)
        if entry is None:
            return None
        return entry.titre or plain_text(entry.enonce)

    def est_pivot(self, numero: int) -> bool:
        if numero in self.jalons:
            return self.jalons[numero].pivot
        entry = self.entree_liste(numero)
        return bool(entry and entry.pivot)

    @cached_property
    def _libelles(self) -> dict[str, str]:
        return {niveau.id: niveau.libelle for niveau in self.feuille_de_route.echelle}

    @cached_property
    def _noms_parties(self) -> dict[str, str]:
        return {partie.id: partie.nom for partie in self.feuille_de_route.parties_prenantes}

    def libelle_niveau(self, niveau: str | None) -> str:
        """A level's label; an id the scale no longer has (in an old version) is shown as it is."""
        return self._libelles.get(niveau, niveau) if niveau else "non évalué"

    def libelle_avancement(self, numero: int) -> str:
        """A jalon's current level, as readers see it (« non évalué » until a campaign assesses it)."""
        evaluation = self.evaluation(numero)
        return self.libelle_niveau(evaluation.niveau if evaluation else None)

    def partie_prenante(self, identifiant: str) -> str:
        """A group's name; a group the roadmap no longer has (in an old version) is shown by its id."""
        return self._noms_parties.get(identifiant, identifiant)

    def avancement(self) -> list[RangeeAvancement]:
        """Every jalon of the roadmap (with a fiche or not) at its current level, then those not assessed."""
        rows = [RangeeAvancement(self.libelle_niveau(niveau), jalons) for niveau, jalons in self.suivi.par_niveau()]
        evalues = set(self.suivi.evalues())
        rows.append(RangeeAvancement("Non évalué", [n for n in range(1, self.feuille_de_route.nombre_jalons + 1)
                                                    if n not in evalues]))
        return rows
