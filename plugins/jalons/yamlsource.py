"""Strict YAML reading that remembers where every key and value stands in the file.

Content files are read with PyYAML's C parser (libyaml): a node tree with the position of each node,
several times faster than a pure-Python parser on a corpus of fiches. Booleans are those of YAML 1.2
(`true`/`false` only), so that a text such as « non » or « oui » stays a text. Editing a file while
keeping its comments is another job, done with ruamel.yaml (applying.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .errors import ContentError

Loc = tuple[str | int, ...]

_BOOL = "tag:yaml.org,2002:bool"


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """Safe loading, with YAML 1.2 booleans instead of YAML 1.1's yes/no/on/off."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, pattern) for tag, pattern in resolvers if tag != _BOOL]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver(_BOOL, re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))

# The YAML parser speaks English; these are the problems people meet most often when editing by hand.
_PROBLEMS_IN_FRENCH = [
    (re.compile(r"mapping values are not allowed"),
     "« : » inattendu ici : un texte qui contient « : » doit être mis entre guillemets"),
    (re.compile(r"could not find expected ':'"),
     "« : » attendu après une clé (ou guillemets mal fermés)"),
    (re.compile(r"but found another document"),
     "un seul document YAML attendu par fichier (« --- » en trop)"),
    (re.compile(r"found unexpected end of stream"),
     "fin de fichier inattendue : guillemets ou crochets non fermés"),
    (re.compile(r"expected ',' or '\]'"), "« , » ou « ] » attendu : liste entre crochets non fermée"),
    (re.compile(r"expected ',' or '}'"), "« , » ou « } » attendu : dictionnaire entre accolades non fermé"),
    (re.compile(r"expected '-' indicator"), "élément de liste « - » attendu : indentation incohérente"),
    (re.compile(r"did not find expected key|expected <block end>"), "indentation incohérente"),
    (re.compile(r"found undefined alias"), "alias « * » non défini"),
    (re.compile(r"could not determine a constructor"), "étiquette YAML « ! » non permise"),
]


class YamlReadError(Exception):
    def __init__(self, errors: list[ContentError]):
        self.errors = errors
        super().__init__("\n".join(map(str, errors)))


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


def _translate_problem(problem: str, text: str, mark) -> str:
    if "cannot start any token" in problem:
        found = text.splitlines()[mark.line][mark.column:mark.column + 1] if mark else ""
        if found == "\t":
            return "tabulation trouvée : indentez avec des espaces"
        return f"caractère « {found} » inattendu en début de valeur : mettez le texte entre guillemets"
    for pattern, french in _PROBLEMS_IN_FRENCH:
        if pattern.search(problem):
            return french
    return f"syntaxe YAML invalide ({problem})"


def _syntax_error(path: Path, text: str, exc: yaml.MarkedYAMLError) -> ContentError:
    mark = exc.problem_mark or exc.context_mark
    line, column = (mark.line, mark.column) if mark else (0, 0)
    message = _translate_problem(exc.problem or "", text, mark)
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
        raise YamlReadError([ContentError(
            path, line, column,
            f"le fichier n'est pas en UTF-8 (octet 0x{raw[exc.start]:02X} invalide) : "
            "enregistrez-le avec l'encodage UTF-8",
        )]) from None


class _Reader:
    def __init__(self, doc: YamlDocument, loader: _Loader):
        self.doc, self.loader, self.errors = doc, loader, []

    def plain(self, node: yaml.Node, loc: Loc) -> Any:
        """Plain dict/list/str/int/float/bool values, recording positions on the way down."""
        self.doc.value_positions[loc] = (node.start_mark.line, node.start_mark.column)
        if isinstance(node, yaml.MappingNode):
            result, first_seen = {}, {}
            for key_node, value_node in node.value:
                name = str(self.loader.construct_object(key_node)) if isinstance(key_node, yaml.ScalarNode) else "?"
                position = (key_node.start_mark.line, key_node.start_mark.column)
                if name in first_seen:
                    self.errors.append(ContentError(
                        self.doc.path, position[0] + 1, position[1] + 1,
                        f"clé « {name} » en double (déjà ligne {first_seen[name] + 1}) : "
                        "chaque clé ne peut figurer qu'une fois"))
                    continue
                first_seen[name] = position[0]
                self.doc.key_positions[loc + (name,)] = position
                result[name] = self.plain(value_node, loc + (name,))
            return result
        if isinstance(node, yaml.SequenceNode):
            return [self.plain(item, loc + (index,)) for index, item in enumerate(node.value)]
        return self.loader.construct_object(node)


def read_yaml(path: Path) -> YamlDocument:
    """Read one YAML file strictly; raise `YamlReadError` with positioned French messages."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise YamlReadError([ContentError(path, 1, 1, f"fichier illisible ({exc.strerror})")]) from None
    text = _decode(path, raw)
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            raise YamlReadError([ContentError(path, 1, 1, "fichier vide : un dictionnaire de clés et de valeurs est attendu")])
        doc = YamlDocument(path, None)
        reader = _Reader(doc, loader)
        doc.data = reader.plain(node, ())
    except yaml.MarkedYAMLError as exc:
        raise YamlReadError([_syntax_error(path, text, exc)]) from None
    except yaml.YAMLError as exc:
        raise YamlReadError([ContentError(path, 1, 1, f"syntaxe YAML invalide ({exc})")]) from None
    finally:
        loader.dispose()
    if reader.errors:
        raise YamlReadError(reader.errors)
    return doc


def load_plain(text: str) -> Any:
    """The values of a YAML text, without positions (for files read in bulk, such as git history)."""
    return yaml.load(text, Loader=_Loader)
