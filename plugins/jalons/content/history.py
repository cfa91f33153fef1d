"""Published versions of each fiche, read from git, and what changed from one version to the next.

A version is published by the commit where a fiche's `version` changes. Its content is the fiche as it
stood at the last commit before the next version (fixes made within a version belong to it); the current
version is the fiche as it is in the working tree. Without usable git history (no repository, a shallow
clone), the versions come from the YAML alone: the current one and the `historique` notes.
"""

from __future__ import annotations

import dataclasses
import datetime
import difflib
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from .corpus import Corpus
from .dates import debut_du_mois
from .layout import JALONS_DIR, jalon_file_number
from .model import CHAMPS_FICHE, Jalon
from .references import unknown_groups, unknown_level, unknown_resources
from .yamlsource import YamlReadError, load_plain

REWORDED_SIMILARITY = 0.5  # above this, a removed and an added item are one item reworded


@dataclass(frozen=True)
class Changement:
    section: str  # the heading of the part that changed
    nature: str  # "ajouté", "retiré", "reformulé" or "modifié"
    texte: str
    avant: str | None = None


@dataclass(frozen=True)
class VersionPubliee:
    numero: int
    version: str  # AAAA-MM
    date: datetime.datetime | None  # when the commit that published it was made; None if not committed
    changements: tuple[Changement, ...] = ()
    note: str | None = None  # the `historique` note for this version, if any
    premiere: bool = False  # the first version known
    # The fiche as it stood in this version (plain YAML data), when known: what its permanent page shows.
    donnees: dict | None = field(default=None, compare=False, repr=False)

    @property
    def publiee_le(self) -> datetime.datetime:
        """When it was published: its commit's time, else the first day of its month."""
        return self.date if self.date is not None else debut_du_mois(self.version)


@dataclass
class Historique:
    versions: dict[int, list[VersionPubliee]] = field(default_factory=dict)  # per jalon, newest first
    avertissement: str | None = None  # why git history was not used, if it was not

    def toutes(self) -> list[VersionPubliee]:
        """Every version of every fiche, newest first."""
        def key(entry: VersionPubliee):
            return (entry.version, entry.date or datetime.datetime.max.replace(tzinfo=datetime.UTC), -entry.numero)
        return sorted((v for versions in self.versions.values() for v in versions), key=key, reverse=True)


@dataclass(frozen=True)
class _State:
    date: datetime.datetime
    data: dict[str, Any]


def _git(project_dir: Path, *args: str, stdin: bytes | None = None) -> bytes:
    return subprocess.run(["git", "-C", str(project_dir), *args], input=stdin, capture_output=True, check=True).stdout


def _blobs(project_dir: Path, specs: list[str]) -> list[bytes | None]:
    """Many `commit:path` contents in one `git cat-file --batch` run."""
    output = _git(project_dir, "cat-file", "--batch", stdin="".join(f"{spec}\n" for spec in specs).encode())
    contents, position = [], 0
    for _ in specs:
        end = output.index(b"\n", position)
        header = output[position:end].split()
        position = end + 1
        if len(header) < 3 or header[1] != b"blob":
            contents.append(None)
            continue
        size = int(header[2])
        contents.append(output[position:position + size])
        position += size + 1
    return contents


def _git_states(content_dir: Path) -> dict[int, list[_State]] | str:
    """Each fiche's states, oldest first, or why git history cannot be used."""
    try:
        top = Path(_git(content_dir, "rev-parse", "--show-toplevel").decode().strip())
        if _git(content_dir, "rev-parse", "--is-shallow-repository").decode().strip() == "true":
            return "clone git superficiel (shallow)"
        folder = (content_dir / JALONS_DIR).resolve().relative_to(top.resolve()).as_posix()
        log = _git(top, "log", "--reverse", "--format=%x1e%H%x1f%cI", "--name-status", "-M", "--", folder)
    except (OSError, subprocess.CalledProcessError, ValueError):
        return "pas de dépôt git lisible"
    entries: list[tuple[int, datetime.datetime, str]] = []
    for record in log.decode("utf-8", "replace").split("\x1e")[1:]:
        lines = record.strip("\n").split("\n")
        commit, date = lines[0].split("\x1f")
        for line in lines[1:]:
            parts = line.split("\t")
            if not line or parts[0].startswith("D"):
                continue
            numero = jalon_file_number(Path(parts[-1]).name)
            if numero is not None:
                entries.append((numero, datetime.datetime.fromisoformat(date), f"{commit}:{parts[-1]}"))
    states: dict[int, list[_State]] = {}
    for (numero, date, _spec), blob in zip(entries, _blobs(top, [spec for *_, spec in entries])):
        try:
            data = load_plain(blob.decode("utf-8-sig")) if blob else None
        except (yaml.YAMLError, YamlReadError, UnicodeDecodeError):
            continue  # a broken past state publishes nothing
        if isinstance(data, dict) and isinstance(data.get("version"), str):
            states.setdefault(numero, []).append(_State(date, data))
    return states


def _items(data: dict, key: str) -> list[str]:
    value = data.get(key) or []
    return [str(item) for item in value] if isinstance(value, list) else []


def compare(before: dict, after: dict, corpus: Corpus) -> list[Changement]:
    """What changed, field by field, from one state of a fiche to the next."""
    titles = {identifiant: r.titre for identifiant, r in corpus.ressources.items()}
    names = {"mobiliser": corpus.partie_prenante, "ressources": lambda i: titles.get(i, i)}
    changes = []
    for champ in sorted(CHAMPS_FICHE, key=lambda champ: COMPARED_IN_ORDER.index(champ.genre)):
        key, label = champ.cle, champ.libelle
        if champ.genre == "texte":
            if before.get(key) != after.get(key) and after.get(key):
                changes.append(Changement(label, "modifié", str(after[key]), str(before.get(key) or "")))
        elif champ.genre == "niveau":
            if before.get(key) != after.get(key):
                changes.append(Changement(label, "modifié", corpus.libelle_niveau(after.get(key)),
                                          corpus.libelle_niveau(before.get(key))))
        elif champ.genre == "drapeau":
            if bool(before.get(key)) != bool(after.get(key)):
                changes.append(Changement(label, "modifié", "oui" if after.get(key) else "non",
                                          "oui" if before.get(key) else "non"))
        elif champ.genre == "identifiants":
            name = names.get(key, str)
            old, new = _items(before, key), _items(after, key)
            changes += [Changement(label, "ajouté", name(i)) for i in new if i not in old]
            changes += [Changement(label, "retiré", name(i)) for i in old if i not in new]
        elif champ.genre == "textes":
            changes += _text_changes(label, _items(before, key), _items(after, key))
    return changes


# The order of « what changed »: the statement first, then the level, then lists; the number, the version
# and the notes are what a version is, not changes in it.
COMPARED_IN_ORDER = ("texte", "niveau", "drapeau", "identifiants", "textes", "numero", "version", "historique")


def _text_changes(label: str, old: list[str], new: list[str]) -> list[Changement]:
    changes = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=old, b=new, autojunk=False).get_opcodes():
        if tag == "equal":
            continue  # items kept as they were are not changes (they were listed as « reformulé »)
        removed, added = old[i1:i2], new[j1:j2]
        while removed and added and difflib.SequenceMatcher(a=removed[0], b=added[0]).ratio() >= REWORDED_SIMILARITY:
            changes.append(Changement(label, "reformulé", added.pop(0), removed.pop(0)))
        changes += [Changement(label, "ajouté", text) for text in added]
        changes += [Changement(label, "retiré", text) for text in removed]
    return changes


def _versions_of(numero: int, states: list[_State], corpus: Corpus) -> list[VersionPubliee]:
    current = corpus.jalon_sources[numero].data
    runs: list[tuple[datetime.datetime | None, dict]] = []  # (publication date, final state) per version
    for state in states:
        if runs and runs[-1][1].get("version") == state.data.get("version"):
            runs[-1] = (runs[-1][0], state.data)
        else:
            runs.append((state.date, state.data))
    if runs and runs[-1][1].get("version") == current["version"]:
        runs[-1] = (runs[-1][0], current)
    else:
        runs.append((None, current))  # a new version not committed yet
    versions, previous = [], None
    for date, data in runs:
        changes = tuple(compare(previous, data, corpus)) if previous is not None else ()
        versions.append(VersionPubliee(numero, data["version"], date, changes, premiere=previous is None,
                                       donnees=data))
        previous = data
    return versions


def _with_notes(numero: int, versions: list[VersionPubliee], corpus: Corpus) -> list[VersionPubliee]:
    notes = {entry.version: entry.resume for entry in corpus.jalons[numero].historique}
    known = {v.version for v in versions}
    result = [dataclasses.replace(v, note=notes.get(v.version)) for v in versions]
    result += [VersionPubliee(numero, version, None, (), note) for version, note in notes.items() if version not in known]
    result.sort(key=lambda v: (v.version, v.date is not None, v.date), reverse=True)
    # Only the oldest version known, from git or from the notes, is the first one published.
    return [dataclasses.replace(v, premiere=index == len(result) - 1) for index, v in enumerate(result)]


def fiche_as_published(version: VersionPubliee, corpus: Corpus) -> Jalon | str:
    """The fiche as it stood in `version`, to show at its permanent address; or why it cannot be shown
    with today's roadmap (its state is not known, or no longer reads as a fiche, or names a level,
    stakeholder group or resource that no longer exists): then it has no page, and the build says so."""
    if version.donnees is None:
        return "son texte n'est pas connu (version notée dans historique, absente de l'historique git)"
    try:
        jalon = Jalon.model_validate(version.donnees)
    except ValidationError:
        return "son fichier d'alors ne se lit plus comme une fiche"
    if jalon.numero != version.numero:  # its page, citation and files are those of the file's number
        return f"son fichier d'alors porte le numéro {jalon.numero}"
    feuille = corpus.feuille_de_route
    missing = [name.identifiant for name in unknown_level(jalon, feuille) + unknown_groups(jalon, feuille)
               + unknown_resources(jalon, set(corpus.ressources))]
    if missing:
        return "elle nomme ce qui n'existe plus : " + ", ".join(missing)
    return jalon


def load_history(corpus: Corpus, use_git: bool = True) -> Historique:
    states = _git_states(corpus.content_dir) if use_git else "historique git non demandé"
    historique = Historique()
    if isinstance(states, str):
        historique.avertissement = (f"historique des versions tiré du YAML seul ({states}) : "
                                    "les changements entre versions ne sont pas montrés")
        states = {}
    for numero in corpus.jalons:
        versions = _versions_of(numero, states.get(numero, []), corpus)
        historique.versions[numero] = _with_notes(numero, versions, corpus)
    return historique


def last_commit_epoch(folder: Path) -> int | None:
    """The time of the last commit, to date a reproducible build (SOURCE_DATE_EPOCH)."""
    try:
        return int(_git(folder, "log", "-1", "--format=%ct").decode().strip())
    except (OSError, subprocess.CalledProcessError, ValueError):
        return None
