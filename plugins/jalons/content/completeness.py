"""What a valid content still lacks before readers should see it: said by `jalons check` as warnings, never
shown on the site as a placeholder."""

from __future__ import annotations

from .corpus import Corpus
from .errors import ContentError
from .model import SECTIONS


def empty_fiches(corpus: Corpus) -> list[ContentError]:
    """Each fiche whose every section is empty (a `jalons new` never filled in): its page would say nothing
    but its title and statement."""
    names = ", ".join(key for key, _label in SECTIONS)
    return [corpus.jalon_sources[numero].error((), f"fiche vide : toutes ses sections ({names}) sont vides")
            for numero, jalon in corpus.jalons.items()
            if not any(getattr(jalon, key) for key, _label in SECTIONS)]
