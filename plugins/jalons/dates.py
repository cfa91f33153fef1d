"""Versions as readers say them: '2025-07' is « juillet 2025 »."""

from __future__ import annotations

MOIS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
        "novembre", "décembre")


def mois_annee(version: str) -> str:
    annee, mois = version.split("-")
    return f"{MOIS[int(mois) - 1]} {annee}"
