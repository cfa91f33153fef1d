"""The validated content of a site, with where each piece came from."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .model import FeuilleDeRoute, Jalon, Ressource
from .yamlsource import YamlDocument


@dataclass
class Corpus:
    content_dir: Path
    feuille_de_route: FeuilleDeRoute
    feuille_de_route_source: YamlDocument
    jalons: dict[int, Jalon] = field(default_factory=dict)  # by numero, in order
    jalon_sources: dict[int, YamlDocument] = field(default_factory=dict)
    ressources: dict[str, Ressource] = field(default_factory=dict)  # by id (the file name), in order
    ressource_sources: dict[str, YamlDocument] = field(default_factory=dict)

    def libelle_avancement(self, jalon: Jalon) -> str:
        levels = {niveau.id: niveau.libelle for niveau in self.feuille_de_route.echelle}
        return levels.get(jalon.avancement, "non évalué") if jalon.avancement else "non évalué"

    def partie_prenante(self, identifiant: str) -> str:
        return next(p.nom for p in self.feuille_de_route.parties_prenantes if p.id == identifiant)
