"""Under what licence the fiches' text and the data may be reused: the RRECQ's choice, set in
`feuille-de-route.yml`, never invented. Until it is set, every place that would name it says that it is
still to be specified, and `jalons check` and the build say so to the person publishing."""

from __future__ import annotations

from ..content.corpus import Corpus
from ..content.layout import FEUILLE_DE_ROUTE
from ..content.model import LANGUE


def missing_licence_warning(corpus: Corpus) -> str | None:
    if corpus.feuille_de_route.licence is not None:
        return None
    return (f"aucune licence dans {FEUILLE_DE_ROUTE} (clé licence : spdx, nom, url) : les pages disent "
            f"qu'elle est « à préciser par le {corpus.feuille_de_route.sigle} »")


def theme_values(corpus: Corpus) -> dict:
    """What the theme's own templates need from the content, given to any engine as `config.extra.jalons`:
    the licence, or None, and who is to choose it (the footer); the content's language (<html lang>)."""
    licence = corpus.feuille_de_route.licence
    return {"licence": licence.model_dump() if licence else None, "sigle": corpus.feuille_de_route.sigle,
            "langue": LANGUE}
