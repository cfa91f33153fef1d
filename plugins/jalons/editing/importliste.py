"""`jalons import-liste`: the roadmap's list of jalons, as the RRECQ publishes it, into
content/liste-des-jalons.yml.

The text is the list copied from the RRECQ's fiches page: one « Jalon N : énoncé » per jalon, a statement
possibly wrapped over several lines, blank lines between jalons, a title before the first one. Every
number from 1 to `nombre_jalons` must be there once; a line that belongs to no jalon is an error. A
statement that differs from the one already in the content (the list, or a published fiche) refuses the
import, naming both places, unless --force, which replaces it in the list and in the fiche together.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from .yamledit import dump_text, round_trip_yaml
from ..content.corpus import Corpus
from ..content.errors import JalonsError, compte, display_path
from .importing import Item, folded
from ..content.liste import LISTE_DES_JALONS, comparable, place
from ..content.model import jalons_de_la_feuille
from ..content.schema import editor_comment
from ..content.textrules import first_forbidden, forbidden_message
from .transaction import editable_text
from ..content.yamlsource import MAX_INPUT_BYTES, YamlReadError, read_file_bytes

_JALON = re.compile(r"^jalon\s+(\d{1,4})\s*[:：]\s*(.*)$", re.IGNORECASE)


class ListeImportError(JalonsError):
    """A list that cannot be imported: every problem, with its line, in French."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("\n".join(problems))

    def report(self) -> str:
        return (f"{self}\nErreur : liste refusée ({compte(len(self.problems), 'problème')}) ; "
                "aucun fichier n'a été modifié")


@dataclass
class EnonceLu:
    numero: int
    line: int
    lines: list[str] = field(default_factory=list)

    @property
    def enonce(self) -> str:
        return Item(self.lines).text if self.lines else ""


def read_liste(path: Path) -> str:
    """The text of the list given on the command line: a regular file of bounded size, in UTF-8."""
    try:
        return read_file_bytes(path, limit=MAX_INPUT_BYTES).decode("utf-8-sig")
    except YamlReadError as exc:
        raise ListeImportError([f"{display_path(path)} : {exc.errors[0].message}"]) from None
    except UnicodeDecodeError:
        raise ListeImportError([f"{display_path(path)} : texte illisible (UTF-8 attendu)"]) from None


def parse_liste(text: str, source: str) -> list[EnonceLu]:
    """The jalons of a published list, in their order; `ListeImportError` lists every problem."""
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\u00a0", " ").replace("\u202f", " ")
    entries: list[EnonceLu] = []
    problems = []
    after_blank = False
    for number, raw in enumerate(text.split("\n"), 1):
        invisible = first_forbidden(raw)
        if invisible:
            problems.append(f"{source}:{number}: {forbidden_message(invisible.group())}")
            continue
        line = " ".join(raw.split())
        if not line:
            after_blank = True
            continue
        match = _JALON.match(line)
        if match:
            entries.append(EnonceLu(int(match.group(1)), number, [match.group(2)] if match.group(2) else []))
        elif entries and (not after_blank or not entries[-1].lines):
            entries[-1].lines.append(line)
        elif entries:
            problems.append(f"{source}:{number}: texte hors d'un jalon : « {line[:60]} » (une ligne « Jalon N : "
                            "énoncé » est attendue ; une ligne vide sépare deux jalons, pas deux lignes d'un énoncé)")
        # Before the first jalon: the page's title and introduction, not part of the list.
        after_blank = False
    first_line: dict[int, int] = {}
    for entry in entries:
        if entry.numero in first_line:
            problems.append(f"{source}:{entry.line}: jalon {entry.numero} donné deux fois "
                            f"(déjà ligne {first_line[entry.numero]})")
        first_line.setdefault(entry.numero, entry.line)
        if not entry.lines:
            problems.append(f"{source}:{entry.line}: jalon {entry.numero} sans énoncé")
    if not entries:
        problems.append(f"{source}:1: aucune ligne « Jalon N : énoncé » : ce texte n'est pas la liste des jalons")
    if problems:
        raise ListeImportError(problems)
    return entries


@dataclass
class ListePlan:
    files: list[tuple[Path, str]]  # to write, all or nothing
    added: list[int] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)


def plan_liste(entries: list[EnonceLu], corpus: Corpus, source: str, force: bool) -> ListePlan:
    """What the import writes into the valid corpus: the list file, and with --force the fiches whose
    statement the list replaces."""
    last = corpus.feuille_de_route.nombre_jalons
    problems = [f"{source}:{entry.line}: jalon {entry.numero} hors de la feuille de route ({jalons_de_la_feuille(last)})"
                for entry in entries if not 1 <= entry.numero <= last]
    given = {entry.numero for entry in entries}
    missing = [n for n in range(1, last + 1) if n not in given]
    if missing:
        shown = ", ".join(map(str, missing[:12])) + ("…" if len(missing) > 12 else "")
        problems.append(f"{source}: il manque {len(missing)} jalon(s) sur {last} : {shown}")
    if problems:
        raise ListeImportError(problems)

    yaml = round_trip_yaml()
    liste_path = corpus.content_dir / LISTE_DES_JALONS
    before = editable_text(liste_path) if corpus.liste is not None else None
    document = yaml.load(before) if before is not None else None
    existing_items: dict[int, CommentedMap] = {int(item["numero"]): item for item in document["jalons"]} if document else {}
    plan = ListePlan([])
    differences: list[str] = []
    fiches_to_change: dict[int, str] = {}
    items = CommentedSeq()
    for entry in sorted(entries, key=lambda e: e.numero):
        wanted = entry.enonce
        item = existing_items.get(entry.numero)
        fiche = corpus.jalons.get(entry.numero)
        current = str(item["enonce"]) if item is not None else (fiche.enonce if fiche else None)
        if current is not None and comparable(current) != comparable(wanted):
            if item is not None:
                where = place(corpus.liste.source, ("jalons", corpus.liste.index[entry.numero], "enonce"))
            else:
                where = place(corpus.jalon_sources[entry.numero], ("enonce",))
            if not force:
                differences.append(f"{source}:{entry.line}: énoncé du jalon {entry.numero} différent de celui de "
                                   f"{where} : rien n'est remplacé sans --force (qui remplace aussi celui de la fiche)")
            else:
                plan.changed.append(f"jalon {entry.numero} : énoncé de {where} remplacé par celui de {source}, "
                                    f"ligne {entry.line}")
        if fiche is not None and comparable(fiche.enonce) != comparable(wanted):
            fiches_to_change[entry.numero] = wanted
        if item is None:
            item = CommentedMap([("numero", entry.numero), ("enonce", folded(wanted))])
            if fiche is not None and fiche.pivot:
                item["pivot"] = True
            plan.added.append(entry.numero)
        elif comparable(str(item["enonce"])) != comparable(wanted):
            item["enonce"] = folded(wanted)
        items.append(item)
    if differences:
        raise ListeImportError(differences)

    if document is None:
        document = CommentedMap([("jalons", items)])
        header = (editor_comment("liste-des-jalons") + "\n# La liste des jalons de la feuille de route, telle que le "
                  "RRECQ la publie (« jalons import-liste »).\n")
    else:
        document["jalons"] = items
        header = ""
    text = dump_text(yaml, document, header)
    if text != before:
        plan.files.append((liste_path, text))
    for numero, enonce in fiches_to_change.items():
        path = corpus.jalon_sources[numero].path
        fiche_yaml = yaml.load(editable_text(path))
        fiche_yaml["enonce"] = folded(enonce)
        plan.files.append((path, dump_text(yaml, fiche_yaml)))
    return plan
