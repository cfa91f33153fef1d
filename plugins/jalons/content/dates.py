"""Versions as readers say them: '2025-07' is « juillet 2025 »."""

from __future__ import annotations

import datetime

MOIS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
        "novembre", "décembre")


def mois_annee(version: str) -> str:
    annee, mois = version.split("-")
    return f"{MOIS[int(mois) - 1]} {annee}"


def debut_du_mois(version: str) -> datetime.datetime:
    """When a version not yet committed is dated: the first day of its month (UTC)."""
    annee, mois = version.split("-")
    return datetime.datetime(int(annee), int(mois), 1, tzinfo=datetime.UTC)
