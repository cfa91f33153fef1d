"""What changed between two states of a fiche, field by field, in the order readers read it: exact lists,
so that a change's section, nature, direction or order cannot drift (history.compare)."""

from __future__ import annotations

import pytest
from conftest import ROOT

from jalons.content.history import Changement, compare
from jalons.content.loading import load_corpus

BEFORE = {
    "numero": 22, "titre": "Réseaux", "enonce": "Un énoncé.", "version": "2025-07", "pivot": False,
    "mobiliser": ["milieu-affaires-travail"], "ressources": ["ceriec"],
    "pourquoi": ["Une raison gardée.", "Une raison retirée tout à fait."],
    "leviers": ["Soutenir les réseaux de collaboration existants"],
}


@pytest.fixture(scope="module")
def corpus():
    return load_corpus(ROOT / "content")


def test_nothing_changed_is_no_change(corpus):
    assert compare(BEFORE, dict(BEFORE), corpus) == []


def test_every_kind_of_change_in_reading_order(corpus):
    after = {**BEFORE, "enonce": "Un autre énoncé.", "pivot": True,
             "mobiliser": ["developpement-territorial"], "ressources": ["ceriec", "la-ruche"],
             "pourquoi": ["Une raison gardée.", "Parce que 2030 approche vite!"],
             "leviers": ["Soutenir les réseaux de collaboration régionaux"],
             "version": "2026-01", "historique": [{"version": "2025-07", "resume": "x"}]}
    assert compare(BEFORE, after, corpus) == [
        Changement("Énoncé", "modifié", "Un autre énoncé.", "Un énoncé."),
        Changement("Jalon pivot", "modifié", "oui", "non"),
        Changement("Qui doit être mobilisé", "ajouté", "Organismes de développement territorial"),
        Changement("Qui doit être mobilisé", "retiré", "Milieu des affaires et du travail"),
        Changement("Ressources", "ajouté", "Un projet à financer? On peut vous aider!"),
        Changement("Pourquoi ce jalon?", "ajouté", "Parce que 2030 approche vite!"),
        Changement("Pourquoi ce jalon?", "retiré", "Une raison retirée tout à fait."),
        Changement("Comment pourrait-on s'y rendre?", "reformulé", "Soutenir les réseaux de collaboration régionaux",
                   "Soutenir les réseaux de collaboration existants"),
    ]


def test_a_flag_cleared_is_a_change_and_a_retired_level_is_not_the_fiches(corpus):
    """A past state's `avancement` (retired: a level lives in the assessments) is no change of the fiche."""
    before = {**BEFORE, "avancement": "atteint", "pivot": True}
    assert compare(before, BEFORE, corpus) == [Changement("Jalon pivot", "modifié", "non", "oui")]


def test_a_statement_emptied_is_not_reported_as_changed_to_nothing(corpus):
    assert compare(BEFORE, {**BEFORE, "enonce": ""}, corpus) == []


def test_names_no_longer_known_are_shown_as_they_were_written(corpus):
    after = {**BEFORE, "mobiliser": ["milieu-affaires-travail", "groupe-disparu"], "ressources": ["ceriec", "partie"]}
    assert compare(BEFORE, after, corpus) == [Changement("Qui doit être mobilisé", "ajouté", "groupe-disparu"),
                                             Changement("Ressources", "ajouté", "partie")]


def test_lists_written_otherwise_than_as_lists_are_read_as_empty(corpus):
    before = {**BEFORE, "pourquoi": "un texte seul", "leviers": None}
    after = {**BEFORE, "pourquoi": ["Un."], "leviers": [3]}
    assert compare(before, after, corpus) == [Changement("Pourquoi ce jalon?", "ajouté", "Un."),
                                             Changement("Comment pourrait-on s'y rendre?", "ajouté", "3")]
