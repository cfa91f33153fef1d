"""Apply a suggestion to the content: edit the fiche's YAML in place, keeping comments and key order."""

from __future__ import annotations

from pathlib import Path

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from ..content.corpus import Corpus
from ..content.errors import display_path
from ..content.loading import content_before_edit, load_corpus
from ..content.layout import FEUILLE_DE_ROUTE, JALONS_DIR, RESSOURCES_DIR, fiche_files
from ..content.model import CHAMP
from ..content.schema import editor_comment
from ..content.suggestion import Suggestion, SuggestionError
from .campagne import propose_level
from .scaffold import current_month
from .transaction import editable_text, write_all
from .yamledit import (Change, dump_text, known_references, normalized, place_reference, reference_entry,
                       resource_ids_taken, round_trip_yaml, text_value)


def fiche_path(content_dir: Path, numero: int) -> Path:
    for path in fiche_files(content_dir, numero):
        return path
    raise SuggestionError(f"aucune fiche pour le jalon {numero} dans {display_path(content_dir / JALONS_DIR)}")


def _seq(data: CommentedMap, key: str) -> CommentedSeq:
    if key not in data or data[key] is None:
        data[key] = CommentedSeq()
    return data[key]


def _matches(wanted: str, *candidates: str) -> bool:
    return normalized(wanted) in {normalized(candidate) for candidate in candidates}


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


def _level(suggestion: Suggestion, corpus: Corpus) -> str:
    wanted = suggestion.niveau or suggestion.proposition
    level = next((n.id for n in corpus.feuille_de_route.echelle if _matches(wanted, n.id, n.libelle)), None)
    if level is None:
        raise SuggestionError(f"niveau d'avancement « {wanted} » inconnu de l'échelle de {FEUILLE_DE_ROUTE}")
    return level


def plan(suggestion: Suggestion, corpus: Corpus, campagne: str | None = None) -> tuple[list[Change], list[str]]:
    """The file changes that apply `suggestion` to a valid corpus, and warnings for the person applying it.
    A proposed level goes to the assessment campaign `campagne` (AAAA-MM; this month's by default), not
    to the fiche, which has no level."""
    if suggestion.section == "avancement":
        fiche_path(corpus.content_dir, suggestion.jalon)  # a fiche's form sent it: the fiche exists
        return [propose_level(corpus, suggestion, _level(suggestion, corpus), campagne or current_month())], []
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
    genre = CHAMP[section].genre if section in CHAMP else None
    label = CHAMP[section].libelle if section in CHAMP else section
    already = (f"cette suggestion est déjà appliquée : « {suggestion.proposition.strip()} » figure déjà dans "
               f"« {label} » de la fiche {suggestion.jalon} ; rien n'a été modifié")
    if genre == "textes":
        if any(_matches(suggestion.proposition, str(item)) for item in data.get(section) or []):
            raise SuggestionError(already)
        _seq(data, section).append(text_value(suggestion.proposition))
    elif genre == "texte":
        if _matches(suggestion.proposition, str(data.get(section) or "")):
            raise SuggestionError(already)
        data[section] = text_value(suggestion.proposition)
    elif section == "mobiliser":
        group = next((p.id for p in corpus.feuille_de_route.parties_prenantes
                      if _matches(suggestion.proposition, p.id, p.nom)), None)
        if group is None:
            raise SuggestionError(f"partie prenante « {suggestion.proposition.strip()} » inconnue : ajoutez-la "
                                  f"d'abord à {FEUILLE_DE_ROUTE} (parties_prenantes)")
        if group in (data.get("mobiliser") or []):
            raise SuggestionError(already)
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


def apply(suggestion: Suggestion, content_dir: Path, campagne: str | None = None) -> tuple[list[Change], list[str]]:
    """Write the changes, then check the whole content; on any error, every file is put back byte for
    byte. Content that is already invalid is reported as such (`ContentInvalidBefore`), not blamed on
    the suggestion."""
    corpus = content_before_edit(content_dir)
    changes, warnings = plan(suggestion, corpus, campagne)
    write_all([(change.path, change.after) for change in changes], content_dir, check=lambda: load_corpus(content_dir))
    return changes, warnings
