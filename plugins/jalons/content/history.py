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

from pydantic import ValidationError

from .corpus import Corpus
from .dates import debut_du_mois, mois_annee
from .errors import ContentError
from .layout import JALONS_DIR, jalon_file_number
from .model import CHAMPS_FICHE, TEXT_KEYS, Jalon, sans_cles_retirees
from .references import unknown_groups, unknown_resources
from .validation import validate
from .yamlsource import YamlReadError, parse_yaml

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
    # Past states that were skipped, each naming its commit: said to the person building, never fatal.
    avertissements: list[str] = field(default_factory=list)
    # A fiche whose current version is not after every version already published (`jalons check` fails).
    erreurs: list[ContentError] = field(default_factory=list)

    def toutes(self) -> list[VersionPubliee]:
        """Every version of every fiche, newest first."""
        def key(entry: VersionPubliee):
            return (entry.version, entry.date or datetime.datetime.max.replace(tzinfo=datetime.UTC), -entry.numero)
        return sorted((v for versions in self.versions.values() for v in versions), key=key, reverse=True)


@dataclass(frozen=True)
class _State:
    date: datetime.datetime | None  # None: the working tree's state, not committed
    data: dict[str, Any]
    commit: str | None = None  # short hash of the commit the state comes from


def _where(state: _State) -> str:
    return f"commit {state.commit}" if state.commit else "copie de travail, non publiée"


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


def _changed_files(log: bytes) -> list[tuple[str, datetime.datetime, str]]:
    """(commit, date, path) of each file a commit added or changed, from `git log -z --name-status`: with
    -z, paths come as they are, whatever their characters (accents, spaces, quotes), never quoted."""
    changed = []
    for record in log.split(b"\x1e")[1:]:
        header, _, files = record.partition(b"\0")
        commit, date = header.decode().split("\x1f")
        fields = [part.decode("utf-8", "surrogateescape") for part in files.lstrip(b"\n").split(b"\0") if part]
        index = 0
        while index < len(fields):
            status = fields[index]
            paths = fields[index + 1:index + (3 if status[:1] in "RC" else 2)]
            index += 1 + len(paths)
            if paths and not status.startswith("D"):
                changed.append((commit, datetime.datetime.fromisoformat(date), paths[-1]))
    return changed


def _past_state(numero: int, commit: str, path: str, blob: bytes | None) -> dict | str:
    """A past state of a fiche read as the working tree's files are (the same model, the same refusals),
    or why it cannot be published: `commit:path:line:col: message`, as `jalons check` says it."""
    label = Path(f"{commit}:{path}")
    try:
        doc = parse_yaml(label, (blob or b"").decode("utf-8-sig"), TEXT_KEYS)
    except UnicodeDecodeError:
        return f"{label} : le fichier n'est pas en UTF-8"
    except YamlReadError as exc:
        return "\n".join(map(str, exc.errors))
    if isinstance(doc.data, dict):
        # A key the fiches no longer have was right when written: the past state is read without it.
        doc.data = sans_cles_retirees(doc.data)
    jalon, errors = validate(doc, Jalon)
    if jalon is not None and jalon.numero != numero:
        errors.append(doc.error(("numero",), f"numéro {jalon.numero} différent de celui du nom de fichier : {numero} attendu"))
    return "\n".join(map(str, errors)) if errors else doc.data


def _git_states(content_dir: Path) -> tuple[dict[int, list[_State]], list[str]] | str:
    """Each fiche's states, oldest first, and the past states skipped (why, naming their commit); or why
    git history cannot be used."""
    try:
        top = Path(_git(content_dir, "rev-parse", "--show-toplevel").decode().strip())
        if _git(content_dir, "rev-parse", "--is-shallow-repository").decode().strip() == "true":
            return "clone git superficiel (shallow)"
        folder = (content_dir / JALONS_DIR).resolve().relative_to(top.resolve()).as_posix()
        log = _git(top, "log", "--reverse", "-z", "--format=%x1e%H%x1f%cI", "--name-status", "-M", "--",
                   f":(literal){folder}")
    except (OSError, subprocess.CalledProcessError, ValueError):
        return "pas de dépôt git lisible"
    entries = [(numero, commit, date, path) for commit, date, path in _changed_files(log)
               if (numero := jalon_file_number(Path(path).name)) is not None]
    states: dict[int, list[_State]] = {}
    skipped = []
    for (numero, commit, date, path), blob in zip(entries, _blobs(top, [f"{c}:{p}" for _n, c, _d, p in entries])):
        short = commit[:7]
        data = _past_state(numero, short, path, blob)
        if isinstance(data, str):
            skipped.append(f"historique : état de la fiche {numero} au commit {short} ignoré, il ne se lit pas comme "
                           f"une fiche (il n'est publié nulle part) :\n{data}")
            continue
        states.setdefault(numero, []).append(_State(date, data, short))
    return states, skipped


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


# The order of « what changed »: the statement first, then lists; the number, the version and the notes are
# what a version is, not changes in it. (A jalon's level is not the fiche's: it lives in the assessments.)
COMPARED_IN_ORDER = ("texte", "drapeau", "identifiants", "textes", "numero", "version", "historique")


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


@dataclass
class _Run:
    """The states of one version, in a row: the first published it, the last is what it says."""

    first: _State
    last: dict[str, Any]

    @property
    def version(self) -> str:
        return self.last["version"]


def _runs(states: list[_State]) -> list[_Run]:
    runs: list[_Run] = []
    for state in states:
        if runs and runs[-1].version == state.data["version"]:
            runs[-1].last = state.data  # a fix within the version belongs to it
        else:
            runs.append(_Run(state, state.data))
    return runs


def _versions_of(numero: int, states: list[_State], corpus: Corpus) -> tuple[list[VersionPubliee], list[str],
                                                                                list[ContentError]]:
    """The fiche's published versions; the past versions skipped because they went back (warnings); an
    error if the fiche as it is now goes back. A version's address is cited: one address, one text, so a
    version is never published twice, nor before one already published."""
    source = corpus.jalon_sources[numero]
    runs = _runs([*states, _State(None, source.data)])  # the working tree last: the current version
    kept: list[_Run] = []
    warnings, errors = [], []
    for index, run in enumerate(runs):
        if kept and run.version == kept[-1].version:
            kept[-1].last = run.last  # back to the version before a skipped one: a fix within it
            continue
        earlier = next((k for k in kept if k.version >= run.version), None)
        if earlier is None:
            kept.append(run)
            continue
        latest = max(k.version for k in kept)
        said = (f"la version {run.version} ({_where(run.first)}) n'est pas postérieure à la version "
                f"{earlier.version} déjà publiée ({_where(earlier.first)})")
        if index == len(runs) - 1:
            errors.append(source.error(("version",), f"{said} : une version publiée ne revient pas en arrière et "
                                                     f"n'est pas publiée deux fois ; donnez une version postérieure "
                                                     f"à {latest} ({mois_annee(latest)})"))
        else:
            warnings.append(f"historique : fiche {numero}, {said} : elle est ignorée (une version publiée ne revient "
                            "pas en arrière)")
    versions, previous = [], None
    for run in kept:
        changes = tuple(compare(previous, run.last, corpus)) if previous is not None else ()
        versions.append(VersionPubliee(numero, run.version, run.first.date, changes, premiere=previous is None,
                                       donnees=run.last))
        previous = run.last
    return versions, warnings, errors


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
    with today's roadmap (its state is not known, or no longer reads as a fiche, or names a stakeholder
    group or resource that no longer exists): then it has no page, and the build says so."""
    if version.donnees is None:
        return "son texte n'est pas connu (version notée dans historique, absente de l'historique git)"
    try:
        jalon = Jalon.model_validate(sans_cles_retirees(version.donnees))
    except ValidationError:
        return "son fichier d'alors ne se lit plus comme une fiche"
    if jalon.numero != version.numero:  # its page, citation and files are those of the file's number
        return f"son fichier d'alors porte le numéro {jalon.numero}"
    feuille = corpus.feuille_de_route
    missing = [name.identifiant for name in unknown_groups(jalon, feuille)
               + unknown_resources(jalon, set(corpus.ressources))]
    if missing:
        return "elle nomme ce qui n'existe plus : " + ", ".join(missing)
    return jalon


def load_history(corpus: Corpus, use_git: bool = True) -> Historique:
    found = _git_states(corpus.content_dir) if use_git else "historique git non demandé"
    historique = Historique()
    if isinstance(found, str):
        historique.avertissement = (f"historique des versions tiré du YAML seul ({found}) : "
                                    "les changements entre versions ne sont pas montrés")
        states: dict[int, list[_State]] = {}
    else:
        states, historique.avertissements = found
    for numero in corpus.jalons:
        versions, warnings, errors = _versions_of(numero, states.get(numero, []), corpus)
        historique.versions[numero] = _with_notes(numero, versions, corpus)
        historique.avertissements += warnings
        historique.erreurs += errors
    return historique


def last_commit_epoch(folder: Path) -> int | None:
    """The time of the last commit, to date a reproducible build (SOURCE_DATE_EPOCH)."""
    try:
        return int(_git(folder, "log", "-1", "--format=%ct").decode().strip())
    except (OSError, subprocess.CalledProcessError, ValueError):
        return None
