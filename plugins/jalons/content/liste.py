"""The roadmap's list of jalons (content/liste-des-jalons.yml): every jalon's statement, fiche or not.

One source of truth: when the list is given, it names every jalon from 1 to `nombre_jalons` once, and a
published fiche says the same statement and pivot flag as the list; a difference is an error naming both
places (the fiche is not silently overridden: the person who changed one of them must see the other).
"""

from __future__ import annotations

from dataclasses import dataclass

from .errors import ContentError, display_path
from .model import FeuilleDeRoute, Jalon, JalonDeLaListe, ListeDesJalons, numero_dans_la_feuille, numero_hors_feuille
from .textmarkup import plain_text
from .yamlsource import YamlDocument

LISTE_DES_JALONS = "liste-des-jalons.yml"
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "\u00a0": " ", "\u202f": " "})


def comparable(text: str) -> str:
    """A statement as a reader reads it: markup, spacing and apostrophe styles aside."""
    return " ".join(plain_text(text).translate(_APOSTROPHES).split())


def place(doc: YamlDocument, loc: tuple) -> str:
    """FILE:LINE:COL of a value, for a message that names a second place."""
    error = doc.error(loc, "")
    return f"{display_path(doc.path)}:{error.line}:{error.column}"


def _numbers(numbers: list[int]) -> str:
    shown = ", ".join(map(str, numbers[:12]))
    return shown + (f"… ({len(numbers)} en tout)" if len(numbers) > 12 else "")


@dataclass
class Liste:
    """The list's jalons by number, with the index of each in the file (for positions) and the file."""

    jalons: dict[int, JalonDeLaListe]
    index: dict[int, int]
    source: YamlDocument


def check_liste(liste: ListeDesJalons, doc: YamlDocument, feuille: FeuilleDeRoute | None) -> tuple[Liste, list[ContentError]]:
    """The list by jalon number, and its errors: numbers twice or outside the roadmap, missing numbers,
    two jalons at one place of the illustration."""
    by_number: dict[int, JalonDeLaListe] = {}
    first_index: dict[int, int] = {}
    taken_places: dict[tuple[int, int], int] = {}
    errors = []
    for index, entry in enumerate(liste.jalons):
        if entry.numero in by_number:
            errors.append(doc.error(("jalons", index, "numero"), f"jalon {entry.numero} déjà dans la liste "
                                    f"({place(doc, ('jalons', first_index[entry.numero]))}) : un seul élément par jalon"))
            continue
        by_number[entry.numero] = entry
        first_index[entry.numero] = index
        if not numero_dans_la_feuille(entry.numero, feuille):
            errors.append(doc.error(("jalons", index, "numero"), numero_hors_feuille(entry.numero, feuille)))
        if (entry.rangee is None) != (entry.colonne is None):
            errors.append(doc.error(("jalons", index), "rangee et colonne vont ensemble : donnez les deux, ou aucune"))
        elif entry.rangee is not None:
            spot = (entry.rangee, entry.colonne)
            if spot in taken_places:
                errors.append(doc.error(("jalons", index, "rangee"), f"rangée {spot[0]}, colonne {spot[1]} déjà "
                                        f"prise par le jalon {taken_places[spot]}"))
            taken_places[spot] = entry.numero
    placed = [entry.numero for entry in by_number.values() if entry.rangee is not None]
    if placed and len(placed) != len(by_number):
        unplaced = [numero for numero in by_number if numero not in placed]
        errors.append(doc.error(("jalons",), f"rangee et colonne données pour {len(placed)} jalons sur {len(by_number)} : "
                                             f"donnez-les à tous (il manque {_numbers(unplaced)}), ou à aucun "
                                             "(la carte suit alors l'ordre des numéros)", at_key=True))
    if feuille is not None:
        missing = [n for n in range(1, feuille.nombre_jalons + 1) if n not in by_number]
        if missing:
            errors.append(doc.error(("jalons",), f"la liste doit nommer chaque jalon de 1 à {feuille.nombre_jalons} "
                                                 f"(nombre_jalons) : il manque {_numbers(missing)}", at_key=True))
    return Liste(dict(sorted(by_number.items())), first_index, doc), errors


def check_fiche_against_liste(jalon: Jalon, doc: YamlDocument, liste: Liste) -> list[ContentError]:
    """A fiche says what the list says: its statement and its pivot flag."""
    entry, liste_doc = liste.jalons.get(jalon.numero), liste.source
    if entry is None:
        return [doc.error(("numero",), f"jalon {jalon.numero} absent de {display_path(liste_doc.path)} : "
                                       "ajoutez-le à la liste")]
    index = liste.index[jalon.numero]
    errors = []
    if comparable(jalon.enonce) != comparable(entry.enonce):
        errors.append(doc.error(("enonce",), f"énoncé différent de celui de la liste des jalons "
                                             f"({place(liste_doc, ('jalons', index, 'enonce'))}) : les deux doivent "
                                             "dire la même chose ; corrigez l'un ou l'autre"))
    if jalon.pivot != entry.pivot:
        where = place(liste_doc, ("jalons", index, "pivot") if entry.pivot else ("jalons", index))
        errors.append(doc.error(("pivot",) if jalon.pivot else ("numero",),
                                f"pivot : la fiche dit {str(jalon.pivot).lower()}, la liste des jalons "
                                f"{str(entry.pivot).lower()} ({where}) : les deux doivent être identiques"))
    return errors

