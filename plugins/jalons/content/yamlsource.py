"""Strict YAML reading that remembers where every key and value stands in the file.

Content files are read with PyYAML's C parser (libyaml): a node tree with the position of each node,
several times faster than a pure-Python parser on a corpus of fiches. Booleans are those of YAML 1.2
(`true`/`false` only), so that a text such as « non » or « oui » stays a text. Editing a file while
keeping its comments is another job, done with ruamel.yaml (applying.py).
"""

from __future__ import annotations

import re
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .errors import JalonsError, ContentError, french_os_error
from .textrules import FORBIDDEN_IN_FILE, FORBIDDEN_IN_VALUE, forbidden_message

Loc = tuple[str | int, ...]

_BOOL = "tag:yaml.org,2002:bool"
_INT = "tag:yaml.org,2002:int"
_MERGE = "tag:yaml.org,2002:merge"
_DECIMAL = re.compile(r"^[-+]?(?:0|[1-9][0-9]*)$")
# A comment after a plain text on its line: what YAML drops without a word.
_TRAILING_COMMENT = re.compile(r"^[ \t]+#(.*)$")
_COMMENT_LINE = re.compile(r"^[ \t]*#(.*)$")
MAX_DEPTH = 12  # the content model nests 4 levels; room for mistakes, none for a crash
_COMPOSER_SAFE_DEPTH = 1000  # libyaml's composer crashed past some 10,000 levels; 3,000 were fine
MAX_FILE_BYTES = 1_000_000  # a fiche is about 10 kB
MAX_INPUT_BYTES = 50_000_000  # a PDF or an email given to an editing command
TOO_DEEP = (f"imbrication trop profonde (plus de {MAX_DEPTH} niveaux de listes ou de dictionnaires) : "
            "un fichier de contenu n'en a que quelques-uns")
MAX_REPORTED = 20  # invisible characters reported per file


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """Safe loading, with YAML 1.2 booleans instead of YAML 1.1's yes/no/on/off."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, pattern) for tag, pattern in resolvers if tag != _BOOL]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver(_BOOL, re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))

# The YAML parser speaks English: each of its problems (libyaml's, as PyYAML's C extension reports them) said
# in French. `tests/test_yaml_messages.py` lists the problems the installed PyYAML can report and fails on
# one missing here, so that a new release never brings English back unnoticed.
_TAG = "étiquette YAML « ! » non permise : le contenu n'utilise pas d'étiquettes (mettez le texte entre guillemets)"
_DIRECTIVE = ("directive YAML « % » non permise : un fichier de contenu commence directement par ses clés "
              "(mettez le texte entre guillemets s'il commence par « % »)")
_ENCODING = "caractère illisible : enregistrez le fichier en UTF-8"
_PROBLEMS_IN_FRENCH = [
    (re.compile(r"mapping values are not allowed|found unexpected ':'"),
     "« : » inattendu ici : un texte qui contient « : » doit être mis entre guillemets"),
    (re.compile(r"could not find expected ':'"),
     "« : » attendu après une clé (ou guillemets mal fermés)"),
    (re.compile(r"but found another document|expected <document end>"),
     "un seul document YAML attendu par fichier (« --- » en trop)"),
    (re.compile(r"did not find expected <document start>"),
     "contenu inattendu après la fin du document (« ... ») : un seul document YAML par fichier"),
    (re.compile(r"found unexpected document indicator"),
     "« --- » ou « ... » en début de ligne dans un texte entre guillemets : guillemets non fermés ?"),
    (re.compile(r"found unexpected end of stream"),
     "fin de fichier inattendue : guillemets ou crochets non fermés"),
    (re.compile(r"expected ',' or '\]'"), "« , » ou « ] » attendu : liste entre crochets non fermée"),
    (re.compile(r"expected ',' or '}'"), "« , » ou « } » attendu : dictionnaire entre accolades non fermé"),
    (re.compile(r"expected '-' indicator"), "élément de liste « - » attendu : indentation incohérente"),
    (re.compile(r"block sequence entries are not allowed"),
     "élément de liste « - » inattendu ici : indentation incohérente"),
    (re.compile(r"mapping keys are not allowed"), "clé « ? » inattendue ici : indentation incohérente"),
    (re.compile(r"did not find expected key|expected <block end>"), "indentation incohérente"),
    (re.compile(r"did not find expected node content"),
     "valeur attendue ici : liste entre crochets ou dictionnaire entre accolades mal formé"),
    (re.compile(r"tab character"), "tabulation trouvée : indentez avec des espaces"),
    (re.compile(r"maximum nesting depth"), TOO_DEEP),
    (re.compile(r"did not find expected comment or line break"),
     "fin de ligne attendue après la valeur : mettez tout le texte entre guillemets"),
    (re.compile(r"did not find expected whitespace or line break|indentation indicator equal to 0"),
     "indicateur de bloc « | » ou « > » mal formé : rien d'autre que « - », « + » ou un chiffre de 1 à 9 "
     "ne le suit sur sa ligne"),
    (re.compile(r"found unknown escape character"),
     "échappement « \\ » inconnu dans un texte entre guillemets doubles : écrivez « \\\\ » pour une barre "
     "oblique inverse, ou mettez le texte entre guillemets simples"),
    (re.compile(r"hexdecimal number|Unicode character escape code"),
     "échappement « \\x », « \\u » ou « \\U » invalide dans un texte entre guillemets doubles : des chiffres "
     "hexadécimaux sont attendus (ou mettez le texte entre guillemets simples)"),
    (re.compile(r"alphabetic or numeric character|(?:anchor|alias) value must"),
     "nom d'ancre « & » ou d'alias « * » mal formé : mettez le texte entre guillemets s'il commence par "
     "« & » ou « * »"),
    (re.compile(r"found undefined alias"), "alias « * » non défini"),
    (re.compile(r"could not determine a constructor|expected '!'|tag URI|tag handle|URI escaped octet|"
                r"incorrect (?:leading|trailing) UTF-8 octet|the expected '>'"), _TAG),
    (re.compile(r"directive|%TAG|%YAML|version number|incompatible YAML document|digit or '\.' character|"
                r"expected whitespace$|non-alphabetical character"), _DIRECTIVE),
    (re.compile(r"UTF-8|UTF-16|surrogate|invalid Unicode character|control characters|unacceptable character"),
     _ENCODING),
    (re.compile(r"stream-start"), "début de fichier illisible : enregistrez le fichier en UTF-8"),
]


class YamlReadError(JalonsError):
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
    # A problem that no table knows yet (tests/test_yaml_messages.py fails on it): said as French as can be,
    # the parser's own words given apart, as a detail.
    return f"syntaxe YAML invalide à cet endroit (détail du lecteur YAML, en anglais : « {problem} »)"


def _syntax_error(path: Path, text: str, exc: yaml.MarkedYAMLError) -> ContentError:
    mark = exc.problem_mark or exc.context_mark
    line, column = (mark.line, mark.column) if mark else (0, 0)
    message = _translate_problem(exc.problem or "", text, mark)
    if exc.context_mark and exc.context_mark.line != line:
        message += f" (ouvert ligne {exc.context_mark.line + 1})"
    return ContentError(path, line + 1, column + 1, message)


def _position(text: str, index: int) -> tuple[int, int]:
    """1-based line and column of a character of the text."""
    line_start = max(text.rfind("\n", 0, index), text.rfind("\r", 0, index)) + 1
    line = text.count("\n", 0, index) + text.count("\r", 0, index) - text.count("\r\n", 0, index) + 1
    return line, index - line_start + 1


def _decode(path: Path, raw: bytes) -> str:
    try:
        text = raw.decode("utf-8-sig")  # a BOM left by some editors is harmless
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        column = exc.start - (before.rfind(b"\n") + 1) + 1
        raise YamlReadError([ContentError(
            path, line, column,
            f"le fichier n'est pas en UTF-8 (octet 0x{raw[exc.start]:02X} invalide) : "
            "enregistrez-le avec l'encodage UTF-8",
        )]) from None
    return text


def read_file_bytes(path: Path, root: Path | None = None, limit: int = MAX_FILE_BYTES) -> bytes:
    """A content file's bytes, refusing what is not a regular file of the content folder (a FIFO would
    hang, /dev/zero would fill the memory, a link out of the folder would publish a stranger's file)."""
    def refuse(message: str) -> YamlReadError:
        return YamlReadError([ContentError(path, 1, 1, message)])

    try:
        # The file itself or one of its folders may be a link: where it really is decides.
        if root is not None and not path.resolve(strict=True).is_relative_to(Path(root).resolve()):
            raise refuse("lien symbolique vers un fichier hors du dossier de contenu : refusé "
                         "(copiez le fichier dans le dossier plutôt que de le lier)")
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            raise refuse("ce n'est pas un fichier ordinaire (dossier, tube ou périphérique) : "
                         "un fichier texte .yml est attendu")
        if info.st_size > limit:
            raise refuse(f"fichier trop volumineux ({info.st_size // 1000} Ko ; au plus {limit // 1000} Ko)")
        with path.open("rb") as stream:
            return stream.read(limit + 1)
    except (OSError, RuntimeError) as exc:  # RuntimeError: a loop of symbolic links (Python < 3.13)
        reason = french_os_error(exc) if isinstance(exc, OSError) else "boucle de liens symboliques"
        raise refuse(f"fichier illisible ({reason})") from None


class _Reader:
    """Plain values from a node tree, refusing what has no place in content: aliases (a few lines of
    them expand to gigabytes), merge keys, deep nesting, numbers in octal or hexadecimal, invisible
    characters, and a « # » that would silently cut a text."""

    def __init__(self, doc: YamlDocument, loader: _Loader, text: str, text_keys: frozenset[str]):
        self.doc, self.loader, self.text, self.text_keys = doc, loader, text, text_keys
        self.errors: list[ContentError] = []
        self.seen: set[int] = set()
        self.aliased = False
        self._lines: list[str] | None = None
        self.has_hash = "#" in text

    def _error(self, mark, message: str) -> None:
        self.errors.append(ContentError(self.doc.path, mark.line + 1, mark.column + 1, message))

    def _line(self, number: int) -> str:
        if self._lines is None:
            # The same lines as the parser's marks: every other line break was refused with the raw text.
            self._lines = self.text.splitlines()
        return self._lines[number] if number < len(self._lines) else ""

    def _scalar(self, node: yaml.ScalarNode, loc: Loc, parent_column: int = -1) -> Any:
        if node.tag == _INT and not _DECIMAL.match(node.value):
            # YAML 1.1 reads 022 as octal 18 and 0x16 as 22: a number must mean what it shows.
            digits = node.value.lstrip("+-").replace("_", "")
            read_as = self.loader.construct_object(node)
            meant = int(digits) if digits.isdigit() else read_as
            hint = f"par exemple {meant}" if ":" not in node.value else \
                f"YAML le lirait {read_as}, en base 60 ; « : » n'a pas sa place dans un nombre"
            self._error(node.start_mark, f"nombre « {node.value} » mal écrit : écrivez-le en chiffres décimaux, "
                                         f"sans zéro initial, ni préfixe, ni « _ » ({hint})")
            return meant
        value = self.loader.construct_object(node)
        if isinstance(value, str):
            # The raw text was scanned already: only a double-quoted escape (« \\v ») can add one now.
            found = FORBIDDEN_IN_VALUE.search(value) if node.style == '"' else None
            if found:
                self._error(node.start_mark, forbidden_message(found.group()))
            elif not node.style and loc:  # plain (the C loader says '', the Python one None)
                self._cut_by_comment(node, loc, value, parent_column)
        return value

    def _cut_by_comment(self, node: yaml.ScalarNode, loc: Loc, value: str, parent_column: int) -> None:
        key = next((part for part in reversed(loc) if isinstance(part, str)), None)
        if key not in self.text_keys:
            return
        if not self.has_hash:
            return
        rest = self._line(node.end_mark.line)[node.end_mark.column:]
        comment = _TRAILING_COMMENT.match(rest) if "#" in rest else None
        mark = node.end_mark
        if not comment:
            # « - Voir le rapport » then « #3 sur les déchets » indented as its continuation: YAML ends
            # the text and drops the line as a comment.
            following = self._line(node.end_mark.line + 1)
            indent = len(following) - len(following.lstrip(" "))
            comment = _COMMENT_LINE.match(following) if "#" in following and indent > parent_column else None
            if not comment:
                return
            mark = yaml.Mark("", 0, node.end_mark.line + 1, indent, None, None)
        lost = comment.group(1).strip()
        shown = value if len(value) <= 40 else "…" + value[-37:]
        self._error(mark, f"texte coupé par « # » : « {lost} » serait lu comme un commentaire et perdu "
                          f"(seul « {shown} » serait publié) ; mettez tout le texte entre guillemets "
                          f"(\"…\") pour garder le « # », ou passez le commentaire sur sa propre ligne, "
                          "au niveau de la clé")

    def plain(self, node: yaml.Node, loc: Loc, depth: int = 0, parent_column: int = -1) -> Any:
        """Plain dict/list/str/int/float/bool values, recording positions on the way down."""
        self.doc.value_positions[loc] = (node.start_mark.line, node.start_mark.column)
        if id(node) in self.seen:
            self.aliased = True  # reported with the aliases' own positions (_alias_errors)
            return None
        self.seen.add(id(node))
        if depth > MAX_DEPTH:
            self._error(node.start_mark, TOO_DEEP)
            return None
        if isinstance(node, yaml.MappingNode):
            result, first_seen = {}, {}
            for key_node, value_node in node.value:
                position = (key_node.start_mark.line, key_node.start_mark.column)
                if key_node.tag == _MERGE:
                    self._error(key_node.start_mark, "clé de fusion « << » non permise dans le contenu : "
                                                     "écrivez les clés elles-mêmes")
                    continue
                name = str(self._scalar(key_node, ())) if isinstance(key_node, yaml.ScalarNode) else "?"
                if name in first_seen:
                    self.errors.append(ContentError(
                        self.doc.path, position[0] + 1, position[1] + 1,
                        f"clé « {name} » en double (déjà ligne {first_seen[name] + 1}) : "
                        "chaque clé ne peut figurer qu'une fois"))
                    continue
                first_seen[name] = position[0]
                self.doc.key_positions[loc + (name,)] = position
                result[name] = self.plain(value_node, loc + (name,), depth + 1, key_node.start_mark.column)
            return result
        if isinstance(node, yaml.SequenceNode):
            column = node.start_mark.column
            return [self.plain(item, loc + (index,), depth + 1, column) for index, item in enumerate(node.value)]
        return self._scalar(node, loc, parent_column)


def _events_errors(path: Path, text: str, *, aliases: bool) -> list[ContentError]:
    """Where nesting goes too deep, or where aliases stand, found from the parser's events: the parser
    keeps a stack, not a recursion, so this is safe on any file."""
    errors, depth = [], 0
    for event in yaml.parse(text, Loader=_Loader):
        mark = event.start_mark
        if isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
            depth += 1
            if depth > MAX_DEPTH and not aliases:
                return [ContentError(path, mark.line + 1, mark.column + 1, TOO_DEEP)]
        elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
            depth -= 1
        elif isinstance(event, yaml.AliasEvent) and aliases:
            errors.append(ContentError(path, mark.line + 1, mark.column + 1,
                                       f"alias « *{event.anchor} » non permis dans le contenu : recopiez le texte "
                                       "voulu (les ancres « & » et les alias « * » ne sont pas acceptés)"))
    return errors


def parse_yaml(path: Path, text: str, text_keys: frozenset[str] = frozenset()) -> YamlDocument:
    """Read a YAML text strictly; raise `YamlReadError` with positioned French messages.
    `text_keys`: keys whose values are prose, where a « # » cutting the text is an error."""
    # Before the parser, which would stop at the first one in English, or read U+0085 as a line break.
    invisible = [ContentError(path, *_position(text, match.start()), forbidden_message(match.group()))
                 for match, _ in zip(FORBIDDEN_IN_FILE.finditer(text), range(MAX_REPORTED))]
    if invisible:
        raise YamlReadError(invisible)
    try:
        # The C composer recurses once per level: deep nesting is refused before it sees the text. Each
        # level needs one of these characters, so a text with few of them cannot nest deeply.
        if sum(map(text.count, "[{-:?")) > _COMPOSER_SAFE_DEPTH:
            too_deep = _events_errors(path, text, aliases=False)
            if too_deep:
                raise YamlReadError(too_deep)
        loader = _Loader(text)
        try:
            node = loader.get_single_node()
            if node is None:
                raise YamlReadError([ContentError(path, 1, 1, "fichier vide : un dictionnaire de clés et de valeurs est attendu")])
            doc = YamlDocument(path, None)
            reader = _Reader(doc, loader, text, text_keys)
            doc.data = reader.plain(node, ())
        finally:
            loader.dispose()
        if reader.aliased:
            reader.errors += _events_errors(path, text, aliases=True)
    except yaml.MarkedYAMLError as exc:
        raise YamlReadError([_syntax_error(path, text, exc)]) from None
    except yaml.YAMLError as exc:
        raise YamlReadError([ContentError(path, 1, 1, _translate_problem(str(exc), text, None))]) from None
    if reader.errors:
        raise YamlReadError(reader.errors)
    return doc


def read_yaml(path: Path, text_keys: frozenset[str] = frozenset(), root: Path | None = None) -> YamlDocument:
    """Read one YAML file strictly (see `parse_yaml`); `root`: the folder that links may not leave."""
    raw = read_file_bytes(path, root)
    if len(raw) > MAX_FILE_BYTES:  # the file grew after it was measured
        raise YamlReadError([ContentError(path, 1, 1, f"fichier trop volumineux (au plus {MAX_FILE_BYTES // 1000} Ko)")])
    return parse_yaml(path, _decode(path, raw), text_keys)
