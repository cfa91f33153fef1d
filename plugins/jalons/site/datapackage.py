"""The open data as catalogues harvest it: a Frictionless Data Package (`/donnees/datapackage.json`) with
a table schema for the CSV derived from the model, a schema.org `Dataset` for /donnees/ (what dataset
search engines and DCAT harvesters such as Données Québec's read), and an archive of the release with
every PDF and data file, so a release can be kept whole."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

from . import urls
from ..content.corpus import Corpus
from ..content.model import CHAMPS_FICHE, LANGUE, VERSION_PATTERN, Jalon
from .metadata import organisation_jsonld
from .opendata import CSV_COLUMNS, EVALUATION_COLUMNS, LIST_SEPARATOR

DATAPACKAGE = f"{urls.DONNEES}datapackage.json"
ARCHIVE = f"{urls.DONNEES}fiches-jalons.zip"
_ZIP_DATE = (1980, 1, 1, 0, 0, 0)  # every entry dated alike: two builds of one commit give the same archive


def _csv_field(cle: str, genre: str) -> dict:
    field = {"name": cle, "description": Jalon.model_fields[cle].description or ""}
    if genre == "numero":
        field.update(type="integer", constraints={"required": True, "minimum": 1})
    elif genre == "drapeau":
        field.update(type="boolean", trueValues=["oui"], falseValues=["non"])
    elif genre == "version":
        field.update(type="string", constraints={"required": True, "pattern": VERSION_PATTERN.strip("^$")})
    else:
        field["type"] = "string"
        if genre in ("textes", "identifiants", "historique"):
            field["description"] += f" (une liste : éléments séparés par « {LIST_SEPARATOR.strip()} »)"
    return field


def jalons_table_schema() -> dict:
    """The columns of jalons.csv, in its order, typed from the model (CHAMPS_FICHE's kinds)."""
    genres = {champ.cle: champ.genre for champ in CHAMPS_FICHE}
    fields = [_csv_field(column, genres[column]) if column in genres else
              {"name": column, "type": "string", "description": "L'adresse de la fiche sur le site, depuis sa racine."}
              for column in CSV_COLUMNS]
    return {"fields": fields, "primaryKey": ["numero"], "missingValues": [""]}


def evaluations_table_schema(corpus: Corpus) -> dict:
    """The columns of evaluations.csv: one row per jalon and campaign."""
    levels = [niveau.id for niveau in corpus.feuille_de_route.echelle]
    fields = [
        {"name": "campagne", "type": "string", "description": "La campagne d'évaluation : son année et son mois.",
         "constraints": {"required": True, "pattern": VERSION_PATTERN.strip("^$")}},
        {"name": "numero", "type": "integer", "description": "Le numéro du jalon évalué.",
         "constraints": {"required": True, "minimum": 1, "maximum": corpus.feuille_de_route.nombre_jalons}},
        {"name": "niveau", "type": "string", "description": "Le niveau d'avancement : un identifiant de l'échelle.",
         "constraints": {"required": True, "enum": levels}},
        {"name": "libelle", "type": "string", "description": "Le libellé de ce niveau."},
        {"name": "rang", "type": "integer", "description": "La place du niveau sur l'échelle, de 1 (le premier) au dernier.",
         "constraints": {"required": True, "minimum": 1, "maximum": len(levels)}},
        {"name": "justification", "type": "string", "description": "Pourquoi ce niveau (Markdown restreint).",
         "constraints": {"required": True}},
        {"name": "preuves", "type": "string",
         "description": f"Ce qui l'appuie (une liste : éléments séparés par « {LIST_SEPARATOR.strip()} »)."},
        {"name": "url", "type": "string", "description": "L'adresse de la page du jalon sur le site, depuis sa racine."},
    ]
    assert [field["name"] for field in fields] == list(EVALUATION_COLUMNS)
    return {"fields": fields, "primaryKey": ["campagne", "numero"], "missingValues": [""]}


def _licences(corpus: Corpus) -> list[dict]:
    licence = corpus.feuille_de_route.licence
    return [{"name": licence.spdx, "title": licence.nom, "path": licence.url}] if licence else []


def datapackage(corpus: Corpus, data_paths: list[str], site_url: str | None) -> str:
    feuille = corpus.feuille_de_route
    resources = [{"name": "jalons-csv", "path": "jalons.csv", "format": "csv", "mediatype": "text/csv",
                  "encoding": "utf-8-sig", "title": "Les fiches publiées, une ligne par fiche",
                  "schema": jalons_table_schema()},
                 {"name": "evaluations-csv", "path": "evaluations.csv", "format": "csv", "mediatype": "text/csv",
                  "encoding": "utf-8-sig", "title": "Les évaluations de l'avancement, une ligne par jalon et par campagne",
                  "schema": evaluations_table_schema(corpus)}]
    described = {"jalons.json": "Les fiches publiées, un objet par fiche",
                 "ressources.json": "Les ressources citées par les fiches",
                 "liste-des-jalons.json": "Chacun des jalons de la feuille de route, fiche publiée ou non",
                 "evaluations.json": "Les évaluations de l'avancement, un objet par jalon et par campagne"}
    for name, title in described.items():
        if f"{urls.DONNEES}{name}" in data_paths:
            resources.append({"name": name.removesuffix(".json"), "path": name, "format": "json",
                              "mediatype": "application/json", "encoding": "utf-8", "title": title})
    package = {"name": "fiches-jalons", "title": f"Fiches jalons — {feuille.nom}", "description": description(corpus),
               "language": LANGUE, "resources": resources,
               "contributors": [{"title": feuille.organisation, "role": "author", "email": feuille.contact}]}
    licences = _licences(corpus)
    if licences:
        package["licenses"] = licences
    homepage = urls.absolute(site_url, urls.DONNEES)
    if homepage:
        package["homepage"] = homepage
    return json.dumps(package, ensure_ascii=False, indent=2) + "\n"


def description(corpus: Corpus) -> str:
    feuille = corpus.feuille_de_route
    return (f"Les fiches jalons de la {feuille.nom}, publiées par le {feuille.organisation} ({feuille.sigle}) : "
            "pour chaque jalon, son énoncé, pourquoi il compte, qui doit être mobilisé, "
            "les leviers, les facilitateurs, les freins, les questions à éclaircir et les ressources, en JSON et "
            "en CSV, avec les ressources citées, les évaluations datées de l'avancement de chaque jalon (niveau, "
            "justification, preuves) et les schémas des fichiers. Produites à chaque publication à "
            "partir des mêmes fichiers que le site.")


def dataset_jsonld(corpus: Corpus, data_paths: list[str], site_url: str | None) -> dict:
    """schema.org's Dataset for /donnees/ (Google's dataset search, DCAT harvesters): `data_paths`, the
    files of /donnees/ (JSON, CSV, the archive), are its distributions."""
    feuille = corpus.feuille_de_route
    formats = {".csv": "text/csv", ".json": "application/json", ".zip": "application/zip"}

    def address(path: str) -> str:
        return urls.absolute(site_url, path) or path

    data = {"@context": "https://schema.org", "@type": "Dataset", "name": f"Fiches jalons — {feuille.nom}",
            "description": description(corpus), "inLanguage": LANGUE, "isAccessibleForFree": True,
            "creator": organisation_jsonld(corpus),
            "distribution": [{"@type": "DataDownload", "name": Path(path).name, "contentUrl": address(path),
                              "encodingFormat": formats[Path(path).suffix]} for path in sorted(data_paths)]}
    if site_url:
        data["url"] = address(urls.DONNEES)
    if feuille.licence:
        data["license"] = feuille.licence.url
    return data


def release_archive(data: dict[str, str | bytes], files: dict[str, Path]) -> bytes:
    """Every PDF and data file of this release in one zip, at their paths on the site."""
    entries = {path: content.encode("utf-8") if isinstance(content, str) else content
               for path, content in data.items() if path.startswith(urls.DONNEES) or path == urls.FEED}
    entries.update({path: source.read_bytes() for path, source in files.items() if path.endswith(".pdf")})
    stream = io.BytesIO()
    with zipfile.ZipFile(stream, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(entries):
            info = zipfile.ZipInfo(f"fiches-jalons/{path}", date_time=_ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, entries[path])
    return stream.getvalue()
