"""`jalons import`: a fiche as published (PDF, or its text) into content YAML, without losing a line.

The text of a fiche is read line by line: headings of the published sheet open sections; in a list
section, a line is a new item or the continuation of the previous one (see `_starts_item`). What is
recognised but not content (the scale drawn as a picture, the « À propos » boilerplate, page numbers)
is dropped; any other line that cannot be placed is reported and kept in the output as a comment.
"""

from __future__ import annotations

import io
import re
import textwrap
from dataclasses import dataclass, field
from pathlib import Path

from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import FoldedScalarString, SingleQuotedScalarString

from .yamledit import (UNDERLINE, dump_text, known_references, normalized, place_reference, reference_entry,
                       resource_ids_taken, round_trip_yaml, slug)
from ..content.corpus import Corpus
from ..content.errors import JalonsError, compte, display_path
from ..content.loading import load_corpus
from ..content.layout import FEUILLE_DE_ROUTE, JALONS_DIR, RESSOURCES_DIR, fiche_files
from .transaction import editable_text, write_all
from ..content.yamlsource import MAX_INPUT_BYTES, YamlReadError, read_file_bytes
from ..content.model import CHAMPS_FICHE, SECTIONS
from ..content.textrules import describe_character, first_forbidden
from ..content.dates import MOIS
from ..content.schema import editor_comment

BULLET = re.compile(r"^\s*[-•◦▪▫●○–—*·]\s+")
YEAR_FIRST = re.compile(r"^\d{4}\.")
PAGE_NUMBER = re.compile(r"^(page\s+)?\d+\s*(/|sur)\s*\d+$", re.I)
SENTENCE_END = tuple(".?!:»)…")
WRAP = 100

# Section headings of the published sheet -> where their lines go.
HEADINGS = {
    **{champ.libelle: champ.cle for champ in CHAMPS_FICHE if champ.genre in {"textes", "identifiants"}},
    "Niveau d'avancement": "avancement",  # the sheet's drawn scale: a level is given in an assessment campaign
    "À propos": "a_propos",
}


class FicheImportError(JalonsError):
    """A fiche text that cannot be imported, said in French."""


_HEADING_KEYS = {normalized(heading): key for heading, key in HEADINGS.items()}


@dataclass
class Item:
    lines: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        joined = self.lines[0]
        for line in self.lines[1:]:
            # « co-/construction »: a line broken after a compound's hyphen joins without a space.
            joined += line if re.search(r"\w-$", joined) else " " + line
        return " ".join(joined.split())


@dataclass
class FicheText:
    numero: int
    titre: str
    enonce: str
    sections: dict[str, list[str]]  # list sections and « mobiliser » / « ressources » as written
    version: str | None
    scale_lines: list[str]
    unplaced: list[tuple[int, str]]  # (line number, text)


def read_text(path: Path) -> str:
    """The fiche's text: extracted from a PDF, or read from a text file (UTF-8, CRLF or not)."""
    try:
        raw = read_file_bytes(path, limit=MAX_INPUT_BYTES)  # never a FIFO or /dev/zero
    except YamlReadError as exc:
        raise FicheImportError(f"{display_path(path)} : {exc.errors[0].message}") from None
    if path.suffix.lower() == ".pdf" or raw.startswith(b"%PDF-"):
        return _pdf_text(path, raw)
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise FicheImportError(f"{display_path(path)} : texte illisible (UTF-8 attendu)") from None


def _pdf_text(path: Path, raw: bytes) -> str:
    from pypdf import PdfReader
    from pypdf.errors import DependencyError

    try:
        reader = PdfReader(io.BytesIO(raw))
        if reader.is_encrypted and not reader.decrypt(""):
            raise FicheImportError(f"{display_path(path)} : PDF protégé par un mot de passe : enregistrez-en une "
                                   "copie sans protection, ou son texte, et importez-la")
        return "\f".join(page.extract_text() or "" for page in reader.pages)
    except FicheImportError:
        raise
    except DependencyError:
        raise FicheImportError(f"{display_path(path)} : PDF chiffré (AES) que pypdf ne peut ouvrir sans la "
                               "bibliothèque « cryptography » : enregistrez-en une copie sans protection, ou son "
                               "texte, et importez-la") from None
    except Exception as exc:  # pypdf raises many kinds on a damaged file; none may end in a traceback
        raise FicheImportError(f"{display_path(path)} : PDF illisible ({type(exc).__name__} : {exc})") from None


def _version(line: str) -> str | None:
    match = re.match(r"^version\s*:\s*([a-zéû]+)\s+(\d{4})$", line.strip(), re.I)
    if not match:
        return None
    months = {normalized(name): index for index, name in enumerate(MOIS, 1)}
    month = months.get(normalized(match.group(1)))
    return f"{match.group(2)}-{month:02d}" if month else None


def _starts_item(line: str, raw: str, previous: Item | None, after_blank: bool, bullets_seen: bool,
                 one_per_line: bool) -> bool:
    """Whether a line opens a new item of a list section, or continues the previous one."""
    if BULLET.match(raw) or previous is None:
        return True
    stripped = line.lstrip()
    if stripped[:1].islower() or stripped[:1].isdigit() or stripped[:1] in ",;:.)»":
        return False  # a wrapped line, or « 2012. Titre » after « Auteur. », even after blank lines
    if after_blank:
        return True
    if one_per_line and not bullets_seen:
        return True  # a group name, or a reference (« Auteur. Année. Titre »), need not end with a stop
    if not previous.lines[-1].rstrip().endswith(SENTENCE_END):
        return False
    if raw[:1].isspace():
        return True  # a bullet lost in extraction, shown as an indent
    return not bullets_seen  # with bullets in use, an unbulleted line continues a sentence


def parse(text: str, scale_labels: list[str]) -> FicheText:
    lines = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n").split("\n")
    # Invisible characters have no place in content (textrules.py): said, every one, before anything is written.
    invisible = [(number, found.group()) for number, raw in enumerate(lines, 1) if (found := first_forbidden(raw))]
    if invisible:
        listed = " ; ".join(f"ligne {number} : {describe_character(character)}" for number, character in invisible[:12])
        raise FicheImportError(f"caractères invisibles dans le texte de la fiche ({listed}{' ; …' if len(invisible) > 12 else ''}) : "
                               "enregistrez ce texte dans un fichier .txt, supprimez-les, puis importez ce fichier")
    scale_words = {normalized(word) for label in scale_labels for word in label.split()}
    numero = None
    preamble: list[list[str]] = [[]]
    sections: dict[str, list[Item]] = {}
    current: str | None = None
    version = None
    scale_lines, unplaced = [], []
    after_blank, bullets_seen = False, False
    for number, raw in enumerate(lines, 1):
        line = raw.strip()
        if not line:
            after_blank = True
            if current is None and preamble[-1]:
                preamble.append([])
            continue
        if PAGE_NUMBER.match(line):
            continue
        if numero is None:
            match = re.match(r"^jalon\s+(\d{1,3})$", line, re.I)
            if match:
                numero = int(match.group(1))
            else:
                unplaced.append((number, line))
            continue
        heading = _HEADING_KEYS.get(normalized(line))
        if heading is not None and len(line) < 60:
            current, after_blank, bullets_seen = heading, False, False
            sections.setdefault(current, [])
            continue
        if _version(line):
            version = _version(line)
            current = "fin"
            continue
        if current is None:
            preamble[-1].append(line)
        elif current == "a_propos":
            pass  # boilerplate of every sheet: the roadmap file holds it
        elif current == "avancement":
            if all(normalized(word) in scale_words for word in line.split()):
                scale_lines.append(line)
            else:
                unplaced.append((number, line))
        elif current == "fin":
            unplaced.append((number, line))
        else:
            items = sections[current]
            content = BULLET.sub("", raw).strip()
            if _starts_item(content, raw, items[-1] if items else None, after_blank, bullets_seen,
                            current in ("ressources", "mobiliser")):
                items.append(Item([content]))
            else:
                items[-1].lines.append(content)
            bullets_seen = bullets_seen or bool(BULLET.match(raw))
        after_blank = False
    if numero is None:
        raise FicheImportError("aucune ligne « Jalon NN » : ce texte n'a pas la forme d'une fiche jalon")
    titre, enonce = _title_and_statement([block for block in preamble if block])
    return FicheText(numero, titre, enonce, {key: [item.text for item in items] for key, items in sections.items()},
                     version, scale_lines, unplaced)


def _title_and_statement(blocks: list[list[str]]) -> tuple[str, str]:
    """The title's lines, then the statement: the last paragraph, or from the first long line."""
    if not blocks:
        return "", ""
    if len(blocks) > 1:
        return " ".join(sum(blocks[:-1], [])), " ".join(blocks[-1])
    lines = blocks[0]
    start = next((index for index, line in enumerate(lines) if len(line) > 60), min(1, len(lines)))
    return " ".join(lines[:start]), " ".join(lines[start:])


# ---------------------------------------------------------------------------------------------
# Writing the content files


def folded(text: str) -> FoldedScalarString | str:
    """A long text as a folded YAML scalar wrapped for reading; the text itself is unchanged."""
    if len(text) <= WRAP - 10:
        return text
    value = FoldedScalarString(text)
    positions, offset = [], 0
    for line in textwrap.wrap(text, WRAP, break_long_words=False, break_on_hyphens=False)[:-1]:
        offset += len(line)
        positions.append(offset)
        offset += 1
    value.fold_pos = positions
    return value


@dataclass
class ImportPlan:
    fiche_path: Path
    fiche: CommentedMap
    new_ressources: dict[Path, CommentedMap] = field(default_factory=dict)
    new_groups: list[tuple[str, str]] = field(default_factory=list)  # (id, nom) added to the roadmap
    notices: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    unplaced_comments: list[str] = field(default_factory=list)  # kept at the end of the fiche
    summary: list[str] = field(default_factory=list)


def _link_underlined(text: str, ressources: dict[str, tuple[str, str]], to_complete: list[str]) -> str:
    """`<u>words</u>` was a link in the PDF: to a known resource by that name, or noted to complete."""
    def replace(match: re.Match) -> str:
        words = match.group(1).strip()
        bare = words.rstrip(":;,. ")
        for identifiant, (titre, _auteur) in ressources.items():
            if normalized(titre) == normalized(bare):
                return f"[{bare}](ressource:{identifiant}){words[len(bare):]}"
        to_complete.append(bare)
        return words
    return UNDERLINE.sub(replace, text)


def plan_import(fiche: FicheText, corpus: Corpus, version: str | None = None) -> ImportPlan:
    """What the import writes, from the fiche's text and the valid corpus it joins; `version` stands in
    for a « Version : mois année » line that the text lacks."""
    content_dir = corpus.content_dir
    ressources = known_references(corpus)
    data = CommentedMap()
    data["numero"] = fiche.numero
    data["titre"] = fiche.titre
    to_complete: list[str] = []
    data["enonce"] = folded(_link_underlined(fiche.enonce, ressources, to_complete))
    plan = ImportPlan(content_dir / JALONS_DIR / f"{fiche.numero:02d}-{slug(fiche.titre, 3)}.yml", data)

    groupes = corpus.feuille_de_route.parties_prenantes
    groups = {normalized(group.nom): group.id for group in groupes}
    ids = {group.id: group.nom for group in groupes}
    mobiliser = CommentedSeq()
    for label in fiche.sections.get("mobiliser", []):
        identifiant = groups.get(normalized(label))
        if identifiant is None and slug(label) in ids:
            # « Milieu affaires travail » names the group milieu-affaires-travail: one group, not two.
            identifiant = slug(label)
            groups[normalized(label)] = identifiant
            plan.notices.append(f"partie prenante « {label} » rattachée au groupe existant « {ids[identifiant]} » "
                                f"({identifiant}) : vérifiez que c'est bien lui")
        if identifiant is not None and identifiant in mobiliser:
            plan.warnings.append(f"partie prenante « {label} » déjà nommée : gardée une fois")
            continue
        if identifiant is None:
            identifiant = slug(label)
            groups[normalized(label)] = identifiant
            plan.new_groups.append((identifiant, label))
            plan.notices.append(f"partie prenante « {label} » ajoutée à {FEUILLE_DE_ROUTE} (identifiant {identifiant})")
        mobiliser.append(identifiant)
    data["mobiliser"] = mobiliser
    if fiche.scale_lines:
        data.yaml_set_comment_before_after_key(
            "mobiliser", before="La fiche publiée dessine l'échelle sans niveau lisible. Le niveau d'un jalon se donne dans "
                        "une campagne d'évaluation (content/evaluations/AAAA-MM.yml), avec sa justification.")

    for key, heading in SECTIONS:
        items = CommentedSeq()
        for index, text in enumerate(fiche.sections.get(key, [])):
            before = len(to_complete)
            items.append(folded(_link_underlined(text, ressources, to_complete)))
            if len(to_complete) > before:
                items.yaml_add_eol_comment(f"lien à compléter : « {', '.join(to_complete[before:])} »", index)
        data[key] = items
        plan.summary.append(f"{heading} : {compte(len(items), 'élément')}")

    cited = CommentedSeq()
    taken = resource_ids_taken(content_dir)
    known = dict(ressources)
    for text in fiche.sections.get("ressources", []):
        underlined = bool(UNDERLINE.search(text))
        entry = reference_entry(text, "Importée d'une fiche : type à préciser"
                                + (" ; le titre était souligné (lien) dans le PDF : adresse à compléter." if underlined
                                   else "."))
        identifiant, is_new = place_reference(entry, known, taken)
        if is_new:
            path = content_dir / RESSOURCES_DIR / f"{identifiant}.yml"
            plan.new_ressources[path] = entry
            taken.add(identifiant)
            known[identifiant] = (str(entry["titre"]), str(entry.get("auteur") or ""))
            taken_note = "" if identifiant == slug(str(entry["titre"])) else \
                f" ; le nom {slug(str(entry['titre']))} est déjà pris par une autre ressource"
            plan.notices.append(f"ressource « {entry['titre']} » écrite dans {display_path(path)} "
                                f"(type à préciser{taken_note})")
        elif identifiant in ressources:
            plan.notices.append(f"ressource « {entry['titre']} » : la ressource existante « {identifiant} » est citée")
        if identifiant in cited:
            plan.warnings.append(f"ressource « {entry['titre']} » citée deux fois : gardée une fois")
            continue
        cited.append(identifiant)
    data["ressources"] = cited
    plan.summary.append(f"Ressources : {len(cited)} ({compte(len(plan.new_ressources), 'nouvelle')})")
    plan.summary.append(f"Qui doit être mobilisé : {compte(len(mobiliser), 'groupe')}")

    if version or fiche.version:
        data["version"] = SingleQuotedScalarString(version or fiche.version)
    else:
        data["version"] = SingleQuotedScalarString("")
        plan.warnings.append("ligne « Version : mois année » introuvable : donnez-la avec --version AAAA-MM")
    for number, line in fiche.unplaced:
        plan.warnings.append(f"ligne {number} non placée : {line}")
        plan.unplaced_comments.append(f"# ligne {number} : {line}")
    return plan


def write_import(plan: ImportPlan, content_dir: Path, force: bool) -> list[Path]:
    """Write the fiche, its new resources and any new stakeholder group, all or nothing: if a write
    fails or the content would be invalid, every file is put back. A fiche is replaced only with `force`;
    other files are never replaced (new resources have names no file has)."""
    existing = [path for path in fiche_files(content_dir, plan.fiche["numero"]) if path != plan.fiche_path]
    targets = [plan.fiche_path, *existing] if not force else []
    taken = [path for path in targets if path.exists()]
    if taken:
        raise FicheImportError(f"{display_path(taken[0])} existe déjà : relancez avec --force pour le remplacer")
    yaml = round_trip_yaml()

    def dumped(data: CommentedMap, header: str, footer: list[str] = ()) -> str:
        text = dump_text(yaml, data, header)
        if footer:
            text += "\n# Lignes du texte importé qui n'ont pas trouvé leur place (à vérifier) :\n"
            text += "\n".join(footer) + "\n"
        return text

    files = [(plan.fiche_path, dumped(
        plan.fiche, f"{editor_comment('jalon')}\n# Fiche du jalon {plan.fiche['numero']}, "
                    "importée par « jalons import » : à relire.\n", plan.unplaced_comments))]
    for path, data in plan.new_ressources.items():
        if path.exists():
            raise FicheImportError(f"{display_path(path)} existe déjà : aucune ressource n'est remplacée")
        files.append((path, dumped(data, editor_comment("ressource") + "\n")))
    if plan.new_groups:
        roadmap_path = content_dir / FEUILLE_DE_ROUTE
        roadmap = yaml.load(editable_text(roadmap_path))
        for identifiant, nom in plan.new_groups:
            roadmap["parties_prenantes"].append(CommentedMap([("id", identifiant), ("nom", nom)]))
        files.append((roadmap_path, dumped(roadmap, "")))
    # A forced import under another file name: the old fiche goes, in the same all-or-nothing step.
    removed = [(path, None) for path in existing if force]
    write_all(files + removed, content_dir, check=lambda: load_corpus(content_dir))
    return [path for path, _text in files]
