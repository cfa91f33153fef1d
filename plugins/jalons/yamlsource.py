"""Strict YAML reading that remembers where every key and value stands in the file."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import MarkedYAMLError, YAMLError

from .errors import ContentError

Loc = tuple[str | int, ...]

# The YAML parser speaks English; these are the problems people meet most often when editing by hand.
_PROBLEMS_IN_FRENCH = [
    (re.compile(r"mapping values are not allowed here"),
     "« : » inattendu ici : un texte qui contient « : » doit être mis entre guillemets"),
    (re.compile(r"could not find expected ':'"),
     "« : » attendu après une clé (ou guillemets mal fermés)"),
    (re.compile(r"found character '\\t' that cannot start any token"),
     "tabulation trouvée : indentez avec des espaces"),
    (re.compile(r"but found another document"),
     "un seul document YAML attendu par fichier (« --- » en trop)"),
    (re.compile(r"found unexpected end of stream"),
     "fin de fichier inattendue : guillemets ou crochets non fermés"),
    (re.compile(r"expected ',' or '\]'"), "« , » ou « ] » attendu : liste entre crochets non fermée"),
    (re.compile(r"expected ',' or '}'"), "« , » ou « } » attendu : dictionnaire entre accolades non fermé"),
    (re.compile(r"expected <block end>, but found '<block sequence start>'"),
     "élément de liste « - » mal indenté"),
    (re.compile(r"expected <block end>"), "indentation incohérente"),
    (re.compile(r"found undefined alias"), "alias « * » non défini"),
]


@dataclass
class YamlDocument:
    """A YAML file's data as plain Python values, with the position of each key and value."""

    path: Path
    data: Any
    value_positions: dict[Loc, tuple[int, int]] = field(default_factory=dict)
    key_positions: dict[Loc, tuple[int, int]] = field(default_factory=dict)

    def error(self, loc: Loc, message: str, *, at_key: bool = False) -> ContentError:
        """An error at the closest known place to `loc` (a missing key points at its mapping)."""
        positions = self.key_positions if at_key and loc in self.key_positions else self.value_positions
        while loc not in positions and loc:
            loc = loc[:-1]
            positions = self.value_positions
        line, column = positions.get(loc, (0, 0))
        return ContentError(self.path, line + 1, column + 1, message)


class YamlReadError(Exception):
    def __init__(self, error: ContentError):
        self.error = error
        super().__init__(str(error))


def _translate_problem(problem: str) -> str:
    for pattern, french in _PROBLEMS_IN_FRENCH:
        if pattern.search(problem):
            return french
    return f"syntaxe YAML invalide ({problem})"


def _syntax_error(path: Path, exc: MarkedYAMLError) -> ContentError:
    mark = exc.problem_mark or exc.context_mark
    line, column = (mark.line, mark.column) if mark else (0, 0)
    problem = exc.problem or ""
    duplicate = re.match(r'found duplicate key "(.*?)"', problem)
    if duplicate:
        first = exc.context_mark.line + 1 if exc.context_mark else None
        where = f" (le dictionnaire commence ligne {first})" if first else ""
        message = f"clé « {duplicate.group(1)} » en double{where} : chaque clé ne peut figurer qu'une fois"
    else:
        message = _translate_problem(problem)
        if exc.context_mark and exc.context_mark.line != line:
            message += f" (ouvert ligne {exc.context_mark.line + 1})"
    return ContentError(path, line + 1, column + 1, message)


def _decode(path: Path, raw: bytes) -> str:
    try:
        return raw.decode("utf-8-sig")  # a BOM left by some editors is harmless
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        column = exc.start - (before.rfind(b"\n") + 1) + 1
        raise YamlReadError(ContentError(
            path, line, column,
            f"le fichier n'est pas en UTF-8 (octet 0x{raw[exc.start]:02X} invalide) : "
            "enregistrez-le avec l'encodage UTF-8",
        )) from None


def _plain(node: Any, loc: Loc, doc: YamlDocument) -> Any:
    """Plain dict/list/str/int/float/bool values, recording positions on the way down."""
    if isinstance(node, CommentedMap):
        result = {}
        for key, value in node.items():
            name = str(key)
            doc.key_positions[loc + (name,)] = tuple(node.lc.key(key))
            doc.value_positions[loc + (name,)] = tuple(node.lc.value(key))
            result[name] = _plain(value, loc + (name,), doc)
        return result
    if isinstance(node, CommentedSeq):
        result = []
        for index, value in enumerate(node):
            doc.value_positions[loc + (index,)] = tuple(node.lc.item(index))
            result.append(_plain(value, loc + (index,), doc))
        return result
    if isinstance(node, bool) or node is None:
        return node
    if isinstance(node, str):
        return str(node)
    if isinstance(node, int):
        return int(node)
    if isinstance(node, float):
        return float(node)
    if isinstance(node, datetime.date):
        return node  # left as a date: the schema says a text was expected
    return node


def read_yaml(path: Path) -> YamlDocument:
    """Read one YAML file strictly; raise `YamlReadError` with a positioned French message."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise YamlReadError(ContentError(path, 1, 1, f"fichier illisible ({exc.strerror})")) from None
    text = _decode(path, raw)
    yaml = YAML(typ="rt", pure=True)
    yaml.allow_duplicate_keys = False
    try:
        node = yaml.load(text)
    except MarkedYAMLError as exc:
        raise YamlReadError(_syntax_error(path, exc)) from None
    except YAMLError as exc:
        raise YamlReadError(ContentError(path, 1, 1, f"syntaxe YAML invalide ({exc})")) from None
    if node is None:
        raise YamlReadError(ContentError(path, 1, 1, "fichier vide : un dictionnaire de clés et de valeurs est attendu"))
    doc = YamlDocument(path, None)
    if isinstance(node, CommentedMap):
        doc.value_positions[()] = (node.lc.line, node.lc.col)
    doc.data = _plain(node, (), doc)
    return doc
