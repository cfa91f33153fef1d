"""Apply a suggestion to the content: edit the fiche's YAML in place, keeping comments and key order."""

from __future__ import annotations

import difflib
import io
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import LiteralScalarString

from ..content.corpus import Corpus
from ..content.errors import display_path
from ..content.loading import FEUILLE_DE_ROUTE, JALONS_DIR, RESSOURCES_DIR, content_before_edit, fiche_files, load_corpus
from ..content.model import SECTIONS
from ..content.schema import editor_comment
from ..content.suggestion import Suggestion, SuggestionError
from .transaction import editable_text, write_all

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


def fiche_path(content_dir: Path, numero: int) -> Path:
    for path in fiche_files(content_dir, numero):
        return path
    raise SuggestionError(f"aucune fiche pour le jalon {numero} dans {display_path(content_dir / JALONS_DIR)}")


def _text_value(text: str):
    text = text.strip()
    return LiteralScalarString(text) if "\n" in text else text


def _seq(data: CommentedMap, key: str) -> CommentedSeq:
    if key not in data or data[key] is None:
        data[key] = CommentedSeq()
    return data[key]


def _matches(wanted: str, *candidates: str) -> bool:
    return normalized(wanted) in {normalized(candidate) for candidate in candidates}


@dataclass
class Change:
    path: Path
    before: str  # "" for a new file
    after: str

    def diff(self) -> str:
        name = display_path(self.path)
        return "".join(difflib.unified_diff(self.before.splitlines(True), self.after.splitlines(True),
                                            "/dev/null" if not self.before else f"a/{name}", f"b/{name}"))


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


def _new_ressource(corpus: Corpus, proposition: str, yaml: YAML) -> tuple[str, Change | None, str | None]:
    """A resource from « Auteur. Année. Titre » text and an optional URL: an existing one with that title
    is cited (and said), otherwise a new file under a free name."""
    data = reference_entry(proposition, "Proposée par le formulaire de contribution : type, auteur et année à vérifier.")
    identifiant, is_new = place_reference(data, known_references(corpus), resource_ids_taken(corpus.content_dir))
    if not is_new:
        return identifiant, None, (f"« {data['titre']} » est déjà la ressource « {identifiant} » : "
                                   "la fiche la cite, aucun fichier de ressource n'est créé")
    path = corpus.content_dir / RESSOURCES_DIR / f"{identifiant}.yml"
    return identifiant, Change(path, "", dump_text(yaml, data, editor_comment("ressource") + "\n")), None


def plan(suggestion: Suggestion, corpus: Corpus) -> tuple[list[Change], list[str]]:
    """The file changes that apply `suggestion` to a valid corpus, and warnings for the person applying it."""
    yaml = round_trip_yaml()
    content_dir = corpus.content_dir
    path = fiche_path(content_dir, suggestion.jalon)
    before = editable_text(path)
    data = yaml.load(before)
    warnings = []
    if suggestion.version and suggestion.version != str(data.get("version", "")):
        warnings.append(f"la suggestion porte sur la version {suggestion.version} ; la fiche est en version "
                        f"{data.get('version')} : vérifiez qu'elle s'applique encore")
    changes: list[Change] = []
    section = suggestion.section
    if section in dict(SECTIONS):
        _seq(data, section).append(_text_value(suggestion.proposition))
    elif section == "enonce":
        data["enonce"] = _text_value(suggestion.proposition)
    elif section == "avancement":
        feuille = corpus.feuille_de_route
        wanted = suggestion.niveau or suggestion.proposition
        level = next((n.id for n in feuille.echelle if _matches(wanted, n.id, n.libelle)), None)
        if level is None:
            raise SuggestionError(f"niveau d'avancement « {wanted} » inconnu de l'échelle de {FEUILLE_DE_ROUTE}")
        data["avancement"] = level
    elif section == "mobiliser":
        group = next((p.id for p in corpus.feuille_de_route.parties_prenantes
                      if _matches(suggestion.proposition, p.id, p.nom)), None)
        if group is None:
            raise SuggestionError(f"partie prenante « {suggestion.proposition.strip()} » inconnue : ajoutez-la "
                                  f"d'abord à {FEUILLE_DE_ROUTE} (parties_prenantes)")
        _seq(data, "mobiliser").append(group)
    elif section == "ressources":
        identifiant, change, notice = _new_ressource(corpus, suggestion.proposition, yaml)
        if change is not None:
            changes.append(change)
        if notice:
            warnings.append(notice)
        if identifiant in (data.get("ressources") or []):
            raise SuggestionError(f"la fiche cite déjà la ressource « {identifiant} » : rien à ajouter")
        _seq(data, "ressources").append(identifiant)
    else:
        raise SuggestionError("une « autre remarque » ne s'applique pas d'elle-même : modifiez la fiche à la main")
    changes.insert(0, Change(path, before, dump_text(yaml, data)))
    return changes, warnings


def apply(suggestion: Suggestion, content_dir: Path) -> tuple[list[Change], list[str]]:
    """Write the changes, then check the whole content; on any error, every file is put back byte for
    byte. Content that is already invalid is reported as such (`ContentInvalidBefore`), not blamed on
    the suggestion."""
    corpus = content_before_edit(content_dir)
    changes, warnings = plan(suggestion, corpus)
    write_all([(change.path, change.after) for change in changes], check=lambda: load_corpus(content_dir))
    return changes, warnings
