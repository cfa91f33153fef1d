"""Where Québec stands: the assessment campaigns (content/evaluations/AAAA-MM.yml) read over time.

A jalon's level is its latest assessment; nothing else in the content says it. Every reader-facing view
(a jalon's status and timeline, the home page's sentence, /avancement/, the data, the feed) is made from
`Suivi`, so they can never disagree.
"""

from __future__ import annotations

from dataclasses import dataclass

from .dates import mois_annee
from .errors import compte
from .model import Campagne, FeuilleDeRoute


@dataclass(frozen=True)
class EvaluationDatee:
    """One assessment of one jalon, with the campaign that made it."""

    numero: int
    campagne: str  # AAAA-MM, the campaign's file name
    niveau: str
    justification: str
    preuves: tuple[str, ...]


@dataclass(frozen=True)
class Tendance:
    """How a jalon's level moved since its previous assessment."""

    sens: str  # "hausse", "baisse" or "stable"
    depuis: str  # AAAA-MM of the previous assessment

    @property
    def phrase(self) -> str:
        mots = {"hausse": "en hausse", "baisse": "en baisse", "stable": "inchangé"}
        return f"{mots[self.sens]} depuis {mois_annee(self.depuis)}"


class Suivi:
    """The campaigns of a roadmap, oldest first, and what they say about each jalon."""

    def __init__(self, feuille: FeuilleDeRoute, campagnes: dict[str, Campagne]):
        self.feuille = feuille
        self.campagnes = dict(sorted(campagnes.items()))
        self._rangs = {niveau.id: rang for rang, niveau in enumerate(feuille.echelle)}
        self._par_jalon: dict[int, list[EvaluationDatee]] = {}
        for date, campagne in self.campagnes.items():
            for cle, evaluation in (campagne.jalons or {}).items():
                self._par_jalon.setdefault(int(cle), []).append(EvaluationDatee(
                    int(cle), date, evaluation.niveau, evaluation.justification, tuple(evaluation.preuves)))

    def rang(self, niveau: str) -> int:
        """A level's place on the scale, from 0 (the first level)."""
        return self._rangs[niveau]

    def de(self, numero: int) -> list[EvaluationDatee]:
        """A jalon's assessments, oldest first."""
        return self._par_jalon.get(numero, [])

    def en(self, numero: int, campagne: str) -> EvaluationDatee | None:
        """What one campaign said of a jalon, if it assessed it."""
        return next((evaluation for evaluation in self.de(numero) if evaluation.campagne == campagne), None)

    def de_la_campagne(self, campagne: str) -> list[EvaluationDatee]:
        """A campaign's assessments, in the jalons' order."""
        return [found for numero in self.evalues() if (found := self.en(numero, campagne))]

    def actuelle(self, numero: int) -> EvaluationDatee | None:
        """A jalon's latest assessment: its current level."""
        evaluations = self.de(numero)
        return evaluations[-1] if evaluations else None

    def tendance(self, numero: int) -> Tendance | None:
        """How the latest assessment compares with the one before it, if there is one."""
        evaluations = self.de(numero)
        if len(evaluations) < 2:
            return None
        avant, apres = self.rang(evaluations[-2].niveau), self.rang(evaluations[-1].niveau)
        sens = "hausse" if apres > avant else "baisse" if apres < avant else "stable"
        return Tendance(sens, evaluations[-2].campagne)

    @property
    def derniere_campagne(self) -> str | None:
        return next(reversed(self.campagnes), None)

    def evalues(self) -> list[int]:
        """The jalons assessed at least once, in order."""
        return sorted(self._par_jalon)

    def par_niveau(self) -> list[tuple[str, list[int]]]:
        """The jalons that stand at each level of the scale today (their latest assessment), in its order."""
        return [(niveau.id, [numero for numero in self.evalues() if self.actuelle(numero).niveau == niveau.id])
                for niveau in self.feuille.echelle]

    def compte_par_niveau(self) -> list[tuple[str, int]]:
        """How many jalons stand at each level of the scale today, in its order."""
        return [(niveau, len(jalons)) for niveau, jalons in self.par_niveau()]

    def titre(self, date: str) -> str:
        campagne = self.campagnes[date]
        return campagne.titre or f"Évaluation de {mois_annee(date)}"

    def phrase(self) -> str:
        """The answer to « is Québec on track? », from the data alone."""
        evalues = len(self._par_jalon)
        if not evalues:
            return "Aucun jalon n'a encore été évalué."
        libelles = {niveau.id: niveau.libelle for niveau in self.feuille.echelle}
        parts = [f"{count} « {libelles[niveau]} »" for niveau, count in self.compte_par_niveau() if count]
        return (f"{compte(evalues, 'jalon évalué')} sur {self.feuille.nombre_jalons} ; dernière évaluation : "
                f"{mois_annee(self.derniere_campagne)}. Niveau actuel : {', '.join(parts)}.")
