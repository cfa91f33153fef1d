"""Assessment campaigns, as the RRECQ prepares them: the next campaign's file started from the last
assessments, and a reader's proposed level added to the campaign in preparation."""

from __future__ import annotations

import json
import re
from pathlib import Path

from ruamel.yaml.comments import CommentedMap

from ..content.corpus import Corpus
from ..content.dates import mois_annee
from ..content.errors import display_path
from ..content.layout import CAMPAGNE_FILE, EVALUATIONS_DIR
from ..content.schema import editor_comment
from ..content.suggestion import Suggestion, SuggestionError
from .yamledit import Change, dump_text, round_trip_yaml, text_value


def campaign_path(content_dir: Path, date: str) -> Path:
    if not CAMPAGNE_FILE.match(f"{date}.yml"):
        raise ValueError(f"date de campagne « {date} » invalide : AAAA-MM attendu (par exemple 2026-12)")
    return content_dir / EVALUATIONS_DIR / f"{date}.yml"


def _header(corpus: Corpus, date: str) -> list[str]:
    levels = ", ".join(niveau.id for niveau in corpus.feuille_de_route.echelle)
    return [editor_comment("campagne"),
            f"# Campagne d'évaluation de {mois_annee(date)}. Pour chaque jalon évalué, sous jalons: : son numéro, puis",
            f"# niveau: (l'un de {levels}), justification: (pourquoi ce niveau)",
            "# et, si possible, preuves: (liens, ressource:…). Vérifier : jalons check"]


def _commented(lines: list[str]) -> list[str]:
    return [f"  # {line}" if line else "  #" for line in lines]


def start_campaign(corpus: Corpus, date: str) -> tuple[Path, str, int]:
    """The file of a new campaign (path, text), with each jalon's last assessment as comments to take up or
    rewrite, so that nothing is published again without being looked at; and how many jalons were assessed."""
    path = campaign_path(corpus.content_dir, date)
    if path.exists():
        raise FileExistsError(f"{display_path(path)} existe déjà : la campagne de {mois_annee(date)} est commencée")
    suivi = corpus.suivi
    lines = _header(corpus, date)
    lines += ["", f"# titre: Évaluation de {mois_annee(date)}"]
    last = suivi.derniere_campagne
    methode = suivi.campagnes[last].methode if last else None
    lines += [f"# methode: {json.dumps(methode, ensure_ascii=False)}  # celle de {mois_annee(last)}" if methode
              else "# methode: Comment cette campagne a évalué (facultatif)."]
    lines += ["", "jalons:"]
    assessed = suivi.evalues()
    for numero in assessed:
        evaluation = suivi.actuelle(numero)
        lines += [f"  # Jalon {numero} : {corpus.libelle_niveau(evaluation.niveau)} en {mois_annee(evaluation.campagne)}."
                  " Décommentez, puis revoyez le niveau et réécrivez la justification :"]
        block = [f"{numero}:", f"  niveau: {evaluation.niveau}",
                 f"  justification: {json.dumps(evaluation.justification, ensure_ascii=False)}"]
        if evaluation.preuves:
            block += ["  preuves:", *(f"    - {json.dumps(preuve, ensure_ascii=False)}" for preuve in evaluation.preuves)]
        lines += _commented(block)
    never = corpus.feuille_de_route.nombre_jalons - len(assessed)
    lines += [f"  # {never} autres jalons n'ont jamais été évalués : ajoutez ceux que cette campagne évalue de la même "
              "façon (numéro, niveau, justification)."]
    return path, "\n".join(lines) + "\n", len(assessed)


def propose_level(corpus: Corpus, suggestion: Suggestion, level: str, date: str) -> Change:
    """A reader's proposed level, with their reasons as its justification, added to the campaign of `date`
    (created if needed): the RRECQ reviews it there, with the campaign, before publishing."""
    justification = text_value(suggestion.proposition) if suggestion.niveau else ""
    if not justification:
        raise SuggestionError("la proposition de niveau ne dit pas pourquoi : une évaluation a toujours sa "
                              "justification ; demandez-la à la personne, puis ajoutez-la à la main")
    path = campaign_path(corpus.content_dir, date)
    yaml = round_trip_yaml()
    before = path.read_text(encoding="utf-8-sig") if path.exists() else ""
    data = yaml.load(before) if before else None
    if data is None:
        data = CommentedMap()
    if data.get("jalons") is None:
        data["jalons"] = CommentedMap()
    key = str(suggestion.jalon)
    if any(str(existing) == key for existing in data["jalons"]):
        raise SuggestionError(f"le jalon {suggestion.jalon} est déjà évalué dans {display_path(path)} : comparez "
                              "la proposition avec cette évaluation et modifiez le fichier à la main")
    entry = CommentedMap(niveau=level, justification=justification)
    data["jalons"][suggestion.jalon] = entry
    author = " ".join(part for part in (suggestion.nom, f"({suggestion.organisation})" if suggestion.organisation else "")
                      if part) or "un lecteur"
    data["jalons"].yaml_set_comment_before_after_key(
        suggestion.jalon, before=re.sub(r"\s+", " ", f"Proposé par {author} par le formulaire de contribution : à "
                                                     "vérifier avant publication."), indent=2)
    header = "" if before else "\n".join(_header(corpus, date)) + "\n"
    return Change(path, before, dump_text(yaml, data, header))
