"""What the editing commands share: names made from titles, resources read from a reference, YAML written
back with its comments (ruamel.yaml), and a file change shown as a diff. `import`, `import-liste`, `new`
and `suggestion apply` use it."""

from __future__ import annotations

import difflib
import io
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap
from ruamel.yaml.scalarstring import LiteralScalarString

from ..content.corpus import Corpus
from ..content.errors import display_path
from ..content.layout import RESSOURCES_DIR

_URL = re.compile(r"https?://[^\s\"<>]+")


def _ascii_lower(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()


def slug(text: str, words: int = 6) -> str:
    """A file-name identifier: lower case, no accents, words joined by hyphens."""
    return "-".join(re.findall(r"[a-z0-9]+", _ascii_lower(text))[:words]) or "sans-titre"


def normalized(text: str) -> str:
    """A name compared without case, accents, apostrophe styles, hyphens or spacing."""
    return re.sub(r"[^a-z0-9]+", "", _ascii_lower(text))


UNDERLINE = re.compile(r"<u>(.*?)</u>", re.S)
_REFERENCE = re.compile(r"^(?P<auteur>[^.]+?)\.\s+(?:(?P<annee>\d{4})\.\s+)?(?P<titre>.+?)\.?$")


def reference_entry(text: str, note: str) -> CommentedMap:
    """A resource from « Auteur. Année. Titre » (the year may be missing), with its URL if written;
    underline marks (a link in a PDF) are dropped, their words kept."""
    url = _URL.search(text)
    plain = " ".join(UNDERLINE.sub(lambda m: m.group(1), _URL.sub("", text)).split())
    match = _REFERENCE.match(plain)
    data = CommentedMap()
    if match:
        data["titre"], data["auteur"] = match.group("titre"), match.group("auteur")
        if match.group("annee"):
            data["annee"] = int(match.group("annee"))
    else:
        data["titre"] = plain.rstrip(".")
    data["type"] = "autre"
    if url:
        data["url"] = url.group().rstrip(".,;)")
    data.yaml_set_start_comment(note)
    return data


def round_trip_yaml() -> YAML:
    yaml = YAML(typ="rt", pure=True)
    yaml.preserve_quotes = True
    yaml.width = 4096  # never re-wrap a text that a person wrapped (or did not)
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


@dataclass
class Change:
    path: Path
    before: str  # "" for a new file
    after: str

    def diff(self) -> str:
        name = display_path(self.path)
        return "".join(difflib.unified_diff(self.before.splitlines(True), self.after.splitlines(True),
                                            "/dev/null" if not self.before else f"a/{name}", f"b/{name}"))


def text_value(text: str):
    """A reader's text as a YAML value: trimmed, and a literal block (|) when it has several lines, so that
    the file reads as the reader wrote it."""
    text = text.strip()
    return LiteralScalarString(text) if "\n" in text else text


def dump_text(yaml: YAML, data, header: str = "") -> str:
    """The YAML text of `data` (a round-trip document keeps its comments), after `header`."""
    stream = io.StringIO()
    stream.write(header)
    yaml.dump(data, stream)
    return stream.getvalue()


def known_references(corpus: Corpus) -> dict[str, tuple[str, str]]:
    """Each resource's (titre, auteur), by id, as `place_reference` compares them."""
    return {identifiant: (ressource.titre, ressource.auteur or "") for identifiant, ressource in corpus.ressources.items()}


def place_reference(entry: dict, known: dict[str, tuple[str, str]], taken: set[str]) -> tuple[str, bool]:
    """The id for a reference: that of a known resource with the same title (and the same author, when
    both name one), else a new id that no file has (`taken`): an existing file is never replaced.
    Returns (id, whether the resource is new)."""
    titre, auteur = normalized(str(entry["titre"])), normalized(str(entry.get("auteur") or ""))
    for identifiant, (known_titre, known_auteur) in known.items():
        if normalized(known_titre) == titre and (not auteur or not known_auteur or normalized(known_auteur) == auteur):
            return identifiant, False
    base = slug(str(entry["titre"]))
    candidates = [base, slug(f"{entry.get('auteur') or ''} {entry['titre']}", 8)]
    candidates += [f"{base}-{number}" for number in range(2, len(taken) + 3)]
    return next(candidate for candidate in candidates if candidate not in taken), True


def resource_ids_taken(content_dir: Path) -> set[str]:
    """Every name in the resources folder, valid or not: none may be overwritten."""
    folder = content_dir / RESSOURCES_DIR
    return {path.stem for path in folder.iterdir()} if folder.is_dir() else set()
