"""Schema validation of a YAML document, with pydantic's errors retold in French at their position."""

from __future__ import annotations

import datetime
import types
import typing
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from .errors import ContentError
from .model import PATTERN_HINTS, RETIRED_KEYS
from .yamlsource import Loc, YamlDocument

M = TypeVar("M", bound=BaseModel)


def describe(value: Any) -> str:
    """What was found, said as a person would."""
    if value is None:
        return "une valeur vide"
    if isinstance(value, bool):
        return f"le booléen {str(value).lower()}"
    if isinstance(value, dict):
        return "un dictionnaire (clé: valeur)"
    if isinstance(value, list):
        return "une liste"
    if isinstance(value, datetime.date):
        return f"une date ({value.isoformat()} : mettez-la entre guillemets si c'est un texte)"
    if isinstance(value, (int, float)):
        return f"le nombre {value}"
    if isinstance(value, str):
        shown = value if len(value) <= 60 else value[:57] + "…"
        return f"le texte « {shown} »"
    return type(value).__name__


def _model_at(model: type[BaseModel], loc: Loc) -> type[BaseModel] | None:
    """The model class that describes the mapping found at `loc`, to list its permitted keys."""
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)) or part not in current.model_fields:
            return None
        current = current.model_fields[part].annotation
        while typing.get_origin(current) in (list, dict, typing.Union, types.UnionType):
            # A list's items, a mapping's values (a campaign's assessments), an optional value.
            current = [arg for arg in typing.get_args(current) if arg is not type(None)][-1]
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def french_message(model: type[BaseModel], error: dict[str, Any]) -> str:
    kind, loc, ctx, found = error["type"], error["loc"], error.get("ctx") or {}, error.get("input")
    name = loc[-1] if loc else ""
    if kind == "missing":
        return f"clé obligatoire « {name} » manquante"
    if kind == "extra_forbidden":
        owner = _model_at(model, loc[:-1])
        if owner is not None and (owner.__name__, name) in RETIRED_KEYS:
            return RETIRED_KEYS[owner.__name__, name]
        allowed = f" ; clés permises : {', '.join(owner.model_fields)}" if owner else ""
        return f"clé inconnue « {name} »{allowed}"
    expected = {
        "string_type": "un texte",
        "int_type": "un nombre entier",
        "bool_type": "true ou false",
        "list_type": "une liste (éléments précédés de « - »)",
        "model_type": "un dictionnaire (clé: valeur)",
        "dict_type": "un dictionnaire (clé: valeur)",
        "model_attributes_type": "un dictionnaire (clé: valeur)",
    }.get(kind)
    if kind == "string_pattern_mismatch":
        expected = PATTERN_HINTS.get(ctx.get("pattern"), f"un texte de la forme {ctx.get('pattern')}")
    elif kind == "literal_error":
        expected = "l'une des valeurs " + str(ctx.get("expected", "")).replace(" or ", " ou ")
    elif kind == "greater_than_equal":
        expected = f"un nombre supérieur ou égal à {ctx.get('ge')}"
    elif kind == "less_than_equal":
        expected = f"un nombre inférieur ou égal à {ctx.get('le')}"
    elif kind == "string_too_short":
        expected = "un texte non vide"
    elif kind == "too_short":
        expected = f"une liste d'au moins {ctx.get('min_length')} élément(s)"
    elif kind == "value_error":
        return str(ctx.get("error", error["msg"]))
    if expected is None:
        return f"valeur invalide ({error['msg']})"
    return f"valeur attendue : {expected} ; trouvé : {describe(found)}"


def validate(doc: YamlDocument, model: type[M]) -> tuple[M | None, list[ContentError]]:
    """The document as a `model` instance, or every schema error found in it."""
    if not isinstance(doc.data, dict):
        return None, [doc.error((), f"un dictionnaire de clés et de valeurs est attendu ; trouvé : {describe(doc.data)}")]
    try:
        return model.model_validate(doc.data), []
    except ValidationError as exc:
        errors = []
        for error in exc.errors(include_url=False):
            loc = tuple(error["loc"])
            # A mapping's key of the wrong form (pydantic adds « [key] » to its place): said at the key.
            bad_key = loc[-1:] == ("[key]",)
            errors.append(doc.error(loc[:-1] if bad_key else loc, french_message(model, error),
                                    at_key=bad_key or error["type"] == "extra_forbidden"))
        return None, errors
