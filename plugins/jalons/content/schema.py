"""JSON Schemas of the content files, and the field reference of /contribuer/, both from the model."""

from __future__ import annotations

import json
from typing import Any, NamedTuple

from pydantic import BaseModel

from .model import PATTERN_HINTS, Campagne, FeuilleDeRoute, Jalon, ListeDesJalons, Ressource

# Schema name (published as /donnees/<name>.schema.json) -> model and the files it describes.
SCHEMAS: dict[str, tuple[type[BaseModel], str]] = {
    "jalon": (Jalon, "content/jalons/NN-titre-court.yml"),
    "ressource": (Ressource, "content/ressources/identifiant.yml"),
    "feuille-de-route": (FeuilleDeRoute, "content/feuille-de-route.yml"),
    "liste-des-jalons": (ListeDesJalons, "content/liste-des-jalons.yml"),
    "campagne": (Campagne, "content/evaluations/AAAA-MM.yml"),
}


def editor_comment(name: str) -> str:
    """The first line of a content file described by schema `name`: it points editors (VS Code's YAML
    extension) at the schema in the repository's schemas/ folder."""
    depth = SCHEMAS[name][1].count("/")  # content/jalons/NN-….yml is two folders below the repository
    return f"# yaml-language-server: $schema={'../' * depth}schemas/{name}.schema.json"


def json_schema(name: str) -> dict[str, Any]:
    model, files = SCHEMAS[name]
    schema = model.model_json_schema()
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": f"{name}.schema.json",
            **schema, "description": f"{(model.__doc__ or '').strip()} Fichiers : {files}."}


def json_schema_text(name: str) -> str:
    return json.dumps(json_schema(name), ensure_ascii=False, indent=2) + "\n"


class Champ(NamedTuple):
    cle: str
    attendu: str
    obligatoire: bool
    description: str


def _expected(prop: dict[str, Any], defs: dict[str, Any]) -> str:
    if "anyOf" in prop:
        options = [option for option in prop["anyOf"] if option.get("type") != "null"]
        return _expected(options[0], defs)
    if "$ref" in prop:
        target = defs[prop["$ref"].rsplit("/", 1)[-1]]
        keys = ", ".join(target["properties"])
        return f"dictionnaire ({keys})"
    if "enum" in prop:
        return "l'une de : " + ", ".join(prop["enum"])
    kind = prop.get("type")
    if kind == "array":
        item = _expected(prop["items"], defs).removeprefix("un ").removeprefix("une ")
        return f"liste ; chaque élément : {item}"
    if kind == "integer":
        if "minimum" in prop and "maximum" in prop:
            return f"nombre entier de {prop['minimum']} à {prop['maximum']}"
        bounds = [f"≥ {prop['minimum']}" if "minimum" in prop else "", f"≤ {prop['maximum']}" if "maximum" in prop else ""]
        return " ".join(["nombre entier", *filter(None, bounds)])
    if kind == "boolean":
        return "true ou false"
    if "pattern" in prop:
        return PATTERN_HINTS.get(prop["pattern"], f"texte de la forme {prop['pattern']}")
    return "texte"


def champs(name: str) -> list[Champ]:
    """One row per key of the file, in the model's order, for the documentation."""
    schema = json_schema(name)
    defs, required = schema.get("$defs", {}), set(schema.get("required", []))
    return [Champ(key, _expected(prop, defs), key in required, prop.get("description", ""))
            for key, prop in schema["properties"].items()]
