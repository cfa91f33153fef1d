"""The validated content of a site, with where each piece came from."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import NamedTuple
from pathlib import Path

from .liste import Liste
from .model import FeuilleDeRoute, Jalon, JalonDeLaListe, Ressource
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

    def entree_liste(self, numero: int) -> JalonDeLaListe | None:
        """The jalon's entry in the roadmap's list, if the list is given."""
        return self.liste.jalons.get(numero) if self.liste else None

    def enonce(self, numero: int) -> str | None:
        """A jalon's statement: its fiche's, else the list's, else unknown (None)."""
        if numero in self.jalons:
            return self.jalons[numero].enonce
        entry = self.entree_liste(numero)
        return entry.enonce if entry else None

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

    def libelle_avancement(self, jalon: Jalon) -> str:
        return self.libelle_niveau(jalon.avancement)

    def partie_prenante(self, identifiant: str) -> str:
        """A group's name; a group the roadmap no longer has (in an old version) is shown by its id."""
        return self._noms_parties.get(identifiant, identifiant)

    def avancement(self) -> list[RangeeAvancement]:
        """Jalons at each level of the scale, then those not assessed, then those without a fiche."""
        rows = [RangeeAvancement(niveau.libelle, [n for n, j in self.jalons.items() if j.avancement == niveau.id])
                for niveau in self.feuille_de_route.echelle]
        rows.append(RangeeAvancement("Non évalué", [n for n, j in self.jalons.items() if j.avancement is None]))
        a_venir = [n for n in range(1, self.feuille_de_route.nombre_jalons + 1) if n not in self.jalons]
        rows.append(RangeeAvancement("Fiche à venir", a_venir))
        return rows
