"""The suggestion block that the contribution form puts in an email, and how to read it back.

The form (assets/jalons-contribuer.js) writes the block; `jalons suggestion apply` reads it. Every
value is written as a JSON string, which is valid YAML and survives any character a reader types.
"""

from __future__ import annotations

import email
import email.policy
import re
from dataclasses import dataclass
from pathlib import Path

from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError

from .model import SECTIONS

DEBUT = "--- suggestion pour la fiche (à laisser tel quel) ---"
FIN = "--- fin de la suggestion ---"

# What a contribution can be about: the fiche's parts, in the order of the sheet, with their headings.
SECTIONS_CONTRIBUTION = (
    ("enonce", "Titre et énoncé"),
    SECTIONS[0],
    ("avancement", "Niveau d'avancement"),
    ("mobiliser", "Qui doit être mobilisé"),
    *SECTIONS[1:],
    ("ressources", "Nouvelle ressource"),
    ("autre", "Autre remarque"),
)
SECTION_KEYS = tuple(key for key, _label in SECTIONS_CONTRIBUTION)
_FIELDS = {"jalon": int, "version": str, "section": str, "proposition": str, "niveau": str,
           "nom": str, "organisation": str, "courriel": str}


class SuggestionError(Exception):
    """A message that cannot be applied, said in French."""


@dataclass(frozen=True)
class Suggestion:
    jalon: int
    section: str
    proposition: str
    version: str = ""
    niveau: str = ""
    nom: str = ""
    organisation: str = ""
    courriel: str = ""


def _unflow(text: str) -> str:
    """Undo RFC 3676 format=flowed: a line ending in a space continues on the next one."""
    lines, current = [], ""
    for line in text.split("\n"):
        line = line.rstrip("\r")
        if line.startswith(" "):
            line = line[1:]  # space-stuffing
        current += line
        if not line.endswith(" ") or line == "-- ":
            lines.append(current)
            current = ""
    if current:
        lines.append(current)
    return "\n".join(lines)


def message_text(path: Path) -> str:
    """The plain text of a saved email (.eml) or of a text file holding its body."""
    raw = path.read_bytes()
    message = email.message_from_bytes(raw, policy=email.policy.default)
    if message.get("Content-Type") or message.get("Subject") or message.get("From"):
        body = message.get_body(preferencelist=("plain",))
        if body is None:
            raise SuggestionError(f"{path} : aucun texte brut dans ce courriel")
        text = body.get_content()
        if body.get_param("format", "").lower() == "flowed":
            text = _unflow(text)
        return text.replace("\r\n", "\n")
    try:
        return raw.decode("utf-8-sig").replace("\r\n", "\n")
    except UnicodeDecodeError:
        raise SuggestionError(f"{path} : texte illisible (UTF-8 attendu)") from None


def parse(text: str) -> Suggestion:
    """The suggestion block of a message, checked field by field."""
    start, end = text.find(DEBUT), text.find(FIN)
    if start == -1 or end == -1 or end < start:
        raise SuggestionError(f"aucun bloc de suggestion (« {DEBUT} » … « {FIN} ») dans ce message")
    lines = text[start + len(DEBUT):end].strip("\n").split("\n")
    # A reply or a forward may quote the block with « > ».
    lines = [re.sub(r"^(> ?)+", "", line) for line in lines]
    try:
        data = YAML(typ="safe", pure=True).load("\n".join(lines))
    except YAMLError as exc:
        raise SuggestionError(f"bloc de suggestion illisible : {exc}") from None
    if not isinstance(data, dict):
        raise SuggestionError("bloc de suggestion illisible : des lignes « clé: valeur » sont attendues")
    unknown = set(data) - set(_FIELDS)
    if unknown:
        raise SuggestionError(f"clé inconnue dans la suggestion : {', '.join(sorted(map(str, unknown)))}")
    for key in ("jalon", "section", "proposition"):
        if key not in data:
            raise SuggestionError(f"la suggestion n'a pas de « {key} »")
    for key, value in data.items():
        if not isinstance(value, _FIELDS[key]) or isinstance(value, bool):
            raise SuggestionError(f"« {key} » : {_FIELDS[key].__name__} attendu dans la suggestion")
    if data["section"] not in SECTION_KEYS:
        raise SuggestionError(f"section « {data['section']} » inconnue : l'une de {', '.join(SECTION_KEYS)} attendue")
    return Suggestion(**data)
