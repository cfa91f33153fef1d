"""Load a content folder into a `Corpus`, or report every error in it at once."""

from __future__ import annotations

import os
import re
from collections import Counter
from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path

from .corpus import Corpus
from .errors import ContentError, ContentErrors, display_path, french_os_error
from .layout import (CAMPAGNE_FILE, EVALUATIONS_DIR, FEUILLE_DE_ROUTE, JALON_FILE, JALONS_DIR, PAGES_DIR, RESSOURCE_FILE,
                     RESSOURCES_DIR, jalon_file_number)
from .linking import check_links, page_mentions
from .liste import LISTE_DES_JALONS, check_fiche_against_liste, check_liste
from .logo import logo_problem
from .model import (TEXT_KEYS, Campagne, FeuilleDeRoute, Jalon, ListeDesJalons, Ressource, numero_dans_la_feuille,
                    numero_hors_feuille)
from .references import unknown_groups, unknown_resources
from .validation import validate
from .yamlsource import YamlDocument, YamlReadError, read_yaml

def _missing_roadmap(path: Path) -> ContentError:
    return ContentError(path, 1, 1, "fichier manquant : la feuille de route (nom, nombre de jalons, échelle, "
                                    "contact…) est attendue ici")


class _Collector:
    def __init__(self, content_dir: Path) -> None:
        self.content_dir = content_dir
        self.errors: list[ContentError] = []

    def read(self, path: Path) -> YamlDocument | None:
        try:
            return read_yaml(path, TEXT_KEYS, root=self.content_dir)
        except YamlReadError as exc:
            self.errors.extend(exc.errors)
            return None

    def validated(self, path: Path, model):
        doc = self.read(path)
        if doc is None:
            return None, None
        instance, errors = validate(doc, model)
        self.errors.extend(errors)
        return instance, doc


def _read_fiche(path: Path, content_dir: Path) -> tuple[Jalon | None, YamlDocument | None, list[ContentError]]:
    """One fiche read and checked on its own, as a job that any process may run (`load_corpus`'s `run_all`)."""
    collector = _Collector(content_dir)
    jalon, doc = collector.validated(path, Jalon)
    return jalon, doc, collector.errors


def _one_after_the_other(jobs: Sequence[Callable]) -> list:
    return [job() for job in jobs]


def _content_files(folder: Path, pattern: re.Pattern, expected: str, collector: _Collector) -> list[Path]:
    """The folder's YAML files; any other file or folder is an error rather than something silently
    skipped (what is not a regular file is refused when read: see yamlsource.read_file_bytes)."""
    if not folder.is_dir():
        return []
    try:
        entries = sorted(folder.iterdir())
    except OSError as exc:
        collector.errors.append(ContentError(folder, 1, 1, f"dossier illisible ({french_os_error(exc)})"))
        return []
    files = []
    for path in entries:
        if path.name.startswith("."):
            continue
        if path.is_dir():
            collector.errors.append(ContentError(path, 1, 1, f"dossier inattendu : les sous-dossiers ne sont pas lus ; "
                                                             f"placez chaque fichier directement dans "
                                                             f"{display_path(folder)} ({expected})"))
        elif pattern.match(path.name):
            files.append(path)
        else:
            collector.errors.append(ContentError(path, 1, 1, f"nom de fichier inattendu : {expected}"))
    return files


def _duplicates(doc: YamlDocument, key: str, values: list[str], what: str) -> list[ContentError]:
    counts = Counter(values)
    return [doc.error((key, index), f"{what} « {value} » en double dans la liste")
            for index, value in enumerate(values) if counts[value] > 1 and values.index(value) != index]


def _check_feuille_de_route(feuille: FeuilleDeRoute, doc: YamlDocument) -> list[ContentError]:
    errors = []
    for key, entries in (("echelle", feuille.echelle), ("parties_prenantes", feuille.parties_prenantes)):
        seen: set[str] = set()
        for index, entry in enumerate(entries):
            if entry.id in seen:
                errors.append(doc.error((key, index, "id"), f"identifiant « {entry.id} » en double"))
            seen.add(entry.id)
    logo = feuille.identite.logo
    problem = logo_problem(doc.path.parent / logo) if logo else None
    if problem:
        errors.append(doc.error(("identite", "logo"), problem))
    return errors


def _check_jalon(jalon: Jalon, doc: YamlDocument, feuille: FeuilleDeRoute | None,
                 ressource_ids: set[str]) -> list[ContentError]:
    errors = []
    prefix = jalon_file_number(doc.path.name)
    if jalon.numero != prefix:
        errors.append(doc.error(("numero",), f"numéro {jalon.numero} différent de celui du nom de fichier "
                                             f"({doc.path.name}) : {prefix} attendu"))
    errors += _duplicates(doc, "mobiliser", jalon.mobiliser, "partie prenante")
    errors += _duplicates(doc, "ressources", jalon.ressources, "ressource")
    errors += [doc.error(name.key, f"ressource « {name.identifiant} » inconnue : "
                                   f"aucun fichier content/ressources/{name.identifiant}.yml")
               for name in unknown_resources(jalon, ressource_ids)]
    if not numero_dans_la_feuille(jalon.numero, feuille):
        errors.append(doc.error(("numero",), numero_hors_feuille(jalon.numero, feuille)))
    if feuille is None:
        return errors  # the roadmap's own errors are reported; its values cannot be checked against
    groups = ", ".join(partie.id for partie in feuille.parties_prenantes)
    errors += [doc.error(name.key, f"partie prenante « {name.identifiant} » inconnue : l'une de {groups} attendue")
               for name in unknown_groups(jalon, feuille)]
    return errors


def _check_campagne(campagne: Campagne, doc: YamlDocument, feuille: FeuilleDeRoute | None) -> list[ContentError]:
    if not campagne.jalons:
        return [doc.error(("jalons",), "aucune évaluation : une campagne évalue au moins un jalon (sous jalons:, "
                                       "son numéro, puis niveau: et justification:)")]
    errors = [doc.error(("jalons", cle), numero_hors_feuille(int(cle), feuille), at_key=True)
              for cle in campagne.jalons if not numero_dans_la_feuille(int(cle), feuille)]
    if feuille is None:
        return errors
    levels = [niveau.id for niveau in feuille.echelle]
    errors += [doc.error(("jalons", cle, "niveau"), f"niveau d'avancement « {evaluation.niveau} » inconnu : l'un de "
                                                    f"{', '.join(levels)} attendu (l'échelle de {FEUILLE_DE_ROUTE})")
               for cle, evaluation in campagne.jalons.items() if evaluation.niveau not in levels]
    return errors


def load_corpus(content_dir: Path, run_all: Callable[[Sequence[Callable]], list] = _one_after_the_other) -> Corpus:
    """The validated corpus of `content_dir`; raises `ContentErrors` listing every problem found.

    `run_all`: what runs the reading of each fiche, and gives back what each returned, in order (site/parallel.py
    runs them in several processes)."""
    content_dir = Path(content_dir)
    collector = _Collector(content_dir)
    roadmap_path = content_dir / FEUILLE_DE_ROUTE
    feuille = roadmap_doc = None
    if os.path.lexists(roadmap_path):
        feuille, roadmap_doc = collector.validated(roadmap_path, FeuilleDeRoute)
        if feuille is not None:
            collector.errors += _check_feuille_de_route(feuille, roadmap_doc)
    else:
        collector.errors.append(_missing_roadmap(roadmap_path))

    liste = None
    liste_path = content_dir / LISTE_DES_JALONS
    if os.path.lexists(liste_path):
        modele_liste, liste_doc = collector.validated(liste_path, ListeDesJalons)
        if modele_liste is not None:
            liste, liste_errors = check_liste(modele_liste, liste_doc, feuille)
            collector.errors += liste_errors

    ressources: dict[str, Ressource] = {}
    ressource_sources: dict[str, YamlDocument] = {}
    ressource_files = _content_files(content_dir / RESSOURCES_DIR, RESSOURCE_FILE,
                                     "identifiant.yml (minuscules, chiffres et tirets)", collector)
    # A resource whose file has errors still exists: citing it is not a second error.
    ressource_ids = {path.stem for path in ressource_files}
    for path in ressource_files:
        ressource, doc = collector.validated(path, Ressource)
        if ressource is not None:
            ressources[path.stem] = ressource
            ressource_sources[path.stem] = doc

    jalons: dict[int, Jalon] = {}
    jalon_sources: dict[int, YamlDocument] = {}
    fiches = _content_files(content_dir / JALONS_DIR, JALON_FILE,
                            "NN-titre-court.yml (numéro, tiret, minuscules et tirets)", collector)
    for jalon, doc, errors in run_all([partial(_read_fiche, path, content_dir) for path in fiches]):
        collector.errors += errors
        if jalon is None:
            continue
        collector.errors += _check_jalon(jalon, doc, feuille, ressource_ids)
        if liste is not None:
            collector.errors += check_fiche_against_liste(jalon, doc, liste)
        if jalon.numero in jalons:
            other = jalon_sources[jalon.numero].path.name
            collector.errors.append(doc.error(("numero",), f"jalon {jalon.numero} déjà décrit par {other} : "
                                                           "une seule fiche par jalon"))
            continue
        jalons[jalon.numero] = jalon
        jalon_sources[jalon.numero] = doc

    campagnes: dict[str, Campagne] = {}
    campagne_sources: dict[str, YamlDocument] = {}
    for path in _content_files(content_dir / EVALUATIONS_DIR, CAMPAGNE_FILE,
                               "AAAA-MM.yml, l'année et le mois de la campagne d'évaluation (par exemple 2026-12.yml)",
                               collector):
        campagne, doc = collector.validated(path, Campagne)
        if campagne is not None:
            collector.errors += _check_campagne(campagne, doc, feuille)
            campagnes[path.stem] = campagne
            campagne_sources[path.stem] = doc

    if feuille is None:
        raise ContentErrors(collector.errors)
    corpus = Corpus(content_dir, feuille, roadmap_doc, dict(sorted(jalons.items())), jalon_sources,
                    ressources, ressource_sources, page_mentions(content_dir / PAGES_DIR), liste,
                    dict(sorted(campagnes.items())), campagne_sources)
    collector.errors += check_links(corpus, ressource_ids)
    if collector.errors:
        raise ContentErrors(collector.errors)
    return corpus


class ContentInvalidBefore(ContentErrors):
    """The content was already invalid before an editing command: nothing is blamed on the command."""


def content_before_edit(content_dir: Path) -> Corpus:
    """The valid corpus that an editing command starts from: every file has passed the strict reader,
    so the round-trip editor sees no alias, no deep nesting, nothing it would choke on."""
    try:
        return load_corpus(content_dir)
    except ContentErrors as exc:
        raise ContentInvalidBefore(exc.errors) from None
