"""Open data (/donnees/): the fiches and resources as JSON and CSV, with the YAML keys as field names."""

from __future__ import annotations

import csv
import io
import json

from . import urls
from ..content.corpus import Corpus
from ..content.linking import Graphe
from ..content.model import Jalon

LIST_SEPARATOR = " | "  # lists in one CSV cell
CSV_COLUMNS = (*Jalon.model_fields, "url")  # the YAML keys, in the model's order, and the fiche's address
# One row per jalon and campaign: the campaign's date, the assessment's keys, the level's label and place.
EVALUATION_COLUMNS = ("campagne", "numero", "niveau", "libelle", "rang", "justification", "preuves", "url")


def jalons_records(corpus: Corpus) -> list[dict]:
    return [{**jalon.model_dump(mode="json"), "url": urls.jalon(numero)} for numero, jalon in corpus.jalons.items()]


def ressources_records(corpus: Corpus, graphe: Graphe) -> list[dict]:
    return [{"id": identifiant, **ressource.model_dump(mode="json"),
             "cite_par": graphe.ressource_citee_par(identifiant)}
            for identifiant, ressource in corpus.ressources.items()]


# A cell starting with one of these is a formula to a spreadsheet (=HYPERLINK(…) would be a live link):
# such a cell gets an apostrophe in front, which spreadsheets read as « this is text » (OWASP's advice).
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r", "\n", "\uff1d", "\uff0b", "\uff0d", "\uff20")
TEXT_MARK = "'"


def neutralized(text: str) -> str:
    """The text as a spreadsheet shows it, never as a formula it would run."""
    return TEXT_MARK + text if text.startswith(FORMULA_PREFIXES) else text


def _cell(value) -> str:
    if isinstance(value, list):
        text = LIST_SEPARATOR.join(
            f"{item['version']} : {item['resume']}" if isinstance(item, dict) else str(item) for item in value)
    elif isinstance(value, bool):
        text = "oui" if value else "non"
    else:
        text = "" if value is None else str(value)
    return neutralized(text)


def evaluations_records(corpus: Corpus) -> list[dict]:
    """Every assessment, campaign by campaign (oldest first), jalon by jalon."""
    suivi = corpus.suivi
    return [{"campagne": date, "numero": evaluation.numero, "niveau": evaluation.niveau,
             "libelle": corpus.libelle_niveau(evaluation.niveau), "rang": suivi.rang(evaluation.niveau) + 1,
             "justification": evaluation.justification, "preuves": list(evaluation.preuves),
             "url": urls.jalon(evaluation.numero)}
            for date in suivi.campagnes for evaluation in suivi.de_la_campagne(date)]


def _csv(columns: tuple[str, ...], records: list[dict]) -> str:
    stream = io.StringIO()
    writer = csv.writer(stream, lineterminator="\r\n")
    writer.writerow([neutralized(column) for column in columns])
    for record in records:
        writer.writerow([_cell(record[column]) for column in columns])
    return "\ufeff" + stream.getvalue()  # the BOM lets spreadsheet programs read the accents right


def liste_records(corpus: Corpus) -> list[dict]:
    """Every jalon of the roadmap's list, with the address of its fiche when it is published."""
    return [{**entry.model_dump(mode="json"), "url": urls.jalon(numero) if numero in corpus.jalons else None}
            for numero, entry in corpus.liste.jalons.items()] if corpus.liste else []


def data_files(corpus: Corpus, graphe: Graphe) -> dict[str, str]:
    def as_json(data) -> str:
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"

    jalons, evaluations = jalons_records(corpus), evaluations_records(corpus)  # each read once, for JSON and CSV
    files = {
        f"{urls.DONNEES}jalons.json": as_json(jalons),
        f"{urls.DONNEES}jalons.csv": _csv(CSV_COLUMNS, jalons),
        f"{urls.DONNEES}ressources.json": as_json(ressources_records(corpus, graphe)),
        # Published with no row while no campaign is: the file says plainly that nothing was assessed yet.
        f"{urls.DONNEES}evaluations.json": as_json(evaluations),
        f"{urls.DONNEES}evaluations.csv": _csv(EVALUATION_COLUMNS, evaluations),
    }
    if corpus.liste:
        files[f"{urls.DONNEES}liste-des-jalons.json"] = as_json(liste_records(corpus))
    return files
