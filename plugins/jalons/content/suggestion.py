"""The suggestion block that the contribution form puts in an email, and how to read it back.

The form (assets/jalons-contribuer.js) writes the block; `jalons suggestion apply` reads it. Every
value is written as a JSON string, which is valid YAML and survives any character a reader types.
"""

from __future__ import annotations

import codecs
import email
import email.policy
import re
from dataclasses import dataclass
from pathlib import Path

from .errors import JalonsError, display_path
from .model import CHAMPS_FICHE
from .yamlsource import MAX_INPUT_BYTES, YamlReadError, parse_yaml, read_file_bytes

DEBUT = "--- suggestion pour la fiche (à laisser tel quel) ---"
FIN = "--- fin de la suggestion ---"

# What a contribution can be about: the fiche's parts, in the order of the sheet, with their headings; and
# the jalon's level, which a reader proposes with their reasons (it goes to an assessment campaign).
_PARTIES = [(champ.cle, champ.contribution) for champ in CHAMPS_FICHE if champ.contribution]
SECTIONS_CONTRIBUTION = (
    *_PARTIES[:2], ("avancement", "Niveau d'avancement"), *_PARTIES[2:],
    ("autre", "Autre remarque"),
)
SECTION_KEYS = tuple(key for key, _label in SECTIONS_CONTRIBUTION)
_FIELD_NAMES = {int: "un nombre entier", str: "un texte"}
_FIELDS = {"jalon": int, "version": str, "section": str, "proposition": str, "niveau": str,
           "nom": str, "organisation": str, "courriel": str}


class SuggestionError(JalonsError):
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


def _decodings(payload: bytes, declared: str | None) -> list[tuple[str, str]]:
    """The payload as the declared charset says, then as UTF-8 and Windows-1252: a mail client may
    declare one encoding and send another, or declare none."""
    found = []
    for charset in dict.fromkeys(filter(None, [declared, "utf-8", "cp1252"])):
        try:
            found.append((charset, payload.decode(charset)))
        except (LookupError, UnicodeDecodeError):
            continue
    return found


def message_text(path: Path) -> str:
    """The plain text of a saved email (.eml) or of a text file holding its body."""
    return read_message(path)[0]


def read_message(path: Path) -> tuple[str, list[str]]:
    """The plain text of a saved email (.eml) or of a text file holding its body, and warnings (an
    encoding other than the one declared)."""
    try:
        raw = read_file_bytes(path, limit=MAX_INPUT_BYTES)  # never a FIFO or /dev/zero
    except YamlReadError as exc:
        raise SuggestionError(f"{display_path(path)} : {exc.errors[0].message}") from None
    message = email.message_from_bytes(raw, policy=email.policy.default)
    if not (message.get("Content-Type") or message.get("Subject") or message.get("From")):
        try:
            return raw.decode("utf-8-sig").replace("\r\n", "\n"), []
        except UnicodeDecodeError:
            raise SuggestionError(f"{display_path(path)} : texte illisible (UTF-8 attendu)") from None
    try:
        body = message.get_body(preferencelist=("plain",))
    except Exception:  # the email package raises many kinds on a malformed structure
        body = None
    if body is None:
        raise SuggestionError(f"{display_path(path)} : aucun texte brut dans ce courriel")
    payload = body.get_payload(decode=True) or b""
    declared = body.get_content_charset()
    flowed = (body.get_param("format") or "").lower() == "flowed"
    decodings = [(charset, (_unflow(text) if flowed else text).replace("\r\n", "\n"))
                 for charset, text in _decodings(payload, declared)]
    if not decodings:
        raise SuggestionError(f"{display_path(path)} : texte illisible dans l'encodage annoncé « {declared} »")
    charset, text = next(((c, d) for c, d in decodings if DEBUT in d), decodings[0])
    if DEBUT not in text:
        tried = ", ".join(c for c, _ in decodings)
        raise SuggestionError(f"aucun bloc de suggestion (« {DEBUT} » … « {FIN} ») dans ce message "
                              f"(texte essayé dans les encodages {tried})")
    warnings = []
    if declared and _codec(declared) != _codec(charset):
        warnings.append(f"le courriel annonce l'encodage « {declared} », mais son texte est en {charset} : "
                        f"lu en {charset}")
    return text, warnings


def _codec(charset: str) -> str | None:
    try:
        return codecs.lookup(charset).name
    except LookupError:
        return None


def _marker_line(marker: str) -> re.Pattern:
    # A line of its own, quoted or not (« > » in a reply): the same words inside a proposition, within a quoted
    # string or an indented block, are the reader's text, not the block's end.
    return re.compile(rf"^(?:> ?)*{re.escape(marker)}[ \t\r]*$", re.M)


_DEBUT_LINE, _FIN_LINE = _marker_line(DEBUT), _marker_line(FIN)


def _blocks(text: str) -> list[tuple[int, str]]:
    """Each suggestion block of a message, with the line it starts on (a reply may quote it again)."""
    blocks, position = [], 0
    while (start := _DEBUT_LINE.search(text, position)) is not None:
        end = _FIN_LINE.search(text, start.end())
        if end is None:
            break
        blocks.append((text.count("\n", 0, start.start()) + 1, text[start.end():end.start()]))
        position = end.end()
    return blocks


def parse(text: str) -> Suggestion:
    """The suggestion block of a message, checked field by field."""
    return parse_message(text)[0]


def parse_message(text: str) -> tuple[Suggestion, list[str]]:
    """The suggestion block of a message, checked field by field, and warnings (several blocks)."""
    blocks = _blocks(text)
    if not blocks:
        raise SuggestionError(f"aucun bloc de suggestion (« {DEBUT} » … « {FIN} ») dans ce message")
    suggestions = [(line, _parse_block(body)) for line, body in blocks]
    line, first = suggestions[0]
    warnings = []
    others = [other_line for other_line, other in suggestions[1:] if other != first]
    if others:
        warnings.append(f"ce message contient {len(suggestions)} blocs de suggestion différents : celui de la "
                        f"ligne {line} est appliqué, pas {'celui de la ligne' if len(others) == 1 else 'ceux des lignes'} "
                        f"{', '.join(map(str, others))} ; "
                        "vérifiez que c'est le bon")
    return first, warnings


def _parse_block(block: str) -> Suggestion:
    lines = block.strip("\n").split("\n")
    # A reply or a forward may quote the block with « > ».
    lines = [re.sub(r"^(> ?)+", "", line) for line in lines]
    try:
        data = parse_yaml(Path("suggestion"), "\n".join(lines)).data
    except YamlReadError as exc:
        problems = "; ".join(f"ligne {error.line} : {error.message}" for error in exc.errors[:3])
        raise SuggestionError(f"bloc de suggestion illisible ({problems})") from None
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
            raise SuggestionError(f"« {key} » : {_FIELD_NAMES[_FIELDS[key]]} attendu dans la suggestion")
    if data["section"] not in SECTION_KEYS:
        raise SuggestionError(f"section « {data['section']} » inconnue : l'une de {', '.join(SECTION_KEYS)} attendue")
    if not data["proposition"].strip():
        raise SuggestionError("la proposition est vide")
    return Suggestion(**data)
