"""What a fiche names that does not exist: a stakeholder group or a resource.

Today's fiches and past versions are checked by the same rule: loading.py reports each name at its place in
the file, history.py keeps a past version without a page when it names what no longer exists."""

from __future__ import annotations

from typing import NamedTuple

from .model import FeuilleDeRoute, Jalon


class UnknownName(NamedTuple):
    key: tuple[str | int, ...]  # where in the fiche: ("mobiliser", 2), ("ressources", 0)
    identifiant: str


def unknown_resources(jalon: Jalon, ressource_ids: set[str]) -> list[UnknownName]:
    return [UnknownName(("ressources", index), identifiant) for index, identifiant in enumerate(jalon.ressources)
            if identifiant not in ressource_ids]


def unknown_groups(jalon: Jalon, feuille: FeuilleDeRoute) -> list[UnknownName]:
    groups = {partie.id for partie in feuille.parties_prenantes}
    return [UnknownName(("mobiliser", index), identifiant) for index, identifiant in enumerate(jalon.mobiliser)
            if identifiant not in groups]
