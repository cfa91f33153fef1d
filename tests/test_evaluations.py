"""Assessment campaigns in-process: what the content says over time (content/evaluations.py), how the RRECQ
starts a campaign (`jalons campagne`) and where a reader's proposed level goes (`jalons suggestion apply`)."""

from __future__ import annotations

import shutil

import pytest
from conftest import FIXTURES, ROOT, jalons_command
from ruamel.yaml import YAML

from jalons.content.loading import load_corpus
from jalons.content.suggestion import DEBUT, FIN


@pytest.fixture
def project(tmp_path):
    shutil.copytree(ROOT / "content", tmp_path / "content")
    return tmp_path


def with_campaigns(project, *texts: tuple[str, str]):
    folder = project / "content/evaluations"
    folder.mkdir(exist_ok=True)
    for date, text in texts:
        (folder / f"{date}.yml").write_text(text, encoding="utf-8")
    return load_corpus(project / "content")


def assessed(numero: int, niveau: str, why: str = "Parce que.") -> str:
    return f"  {numero}:\n    niveau: {niveau}\n    justification: {why}\n"


def test_a_level_is_the_latest_assessment_and_its_move_is_said(project):
    corpus = with_campaigns(project, ("2026-01", "jalons:\n" + assessed(22, "en-route") + assessed(5, "atteint")),
                            ("2026-06", "jalons:\n" + assessed(22, "se-prepare") + assessed(5, "atteint")),
                            ("2025-09", "jalons:\n" + assessed(7, "point-mort")))
    suivi = corpus.suivi
    assert list(suivi.campagnes) == ["2025-09", "2026-01", "2026-06"]  # by date, whatever the reading order
    assert [(e.campagne, e.niveau) for e in suivi.de(22)] == [("2026-01", "en-route"), ("2026-06", "se-prepare")]
    assert suivi.tendance(22).phrase == "en baisse depuis janvier 2026"
    assert suivi.tendance(5).phrase == "inchangé depuis janvier 2026"
    assert suivi.tendance(7) is None and suivi.actuelle(8) is None
    assert corpus.libelle_avancement(22) == "On se prépare" and corpus.libelle_avancement(8) == "non évalué"
    assert suivi.phrase() == ("3 jalons évalués sur 67 ; dernière évaluation : juin 2026. Niveau actuel : "
                              "1 « On est au point mort », 1 « On se prépare », 1 « Jalon atteint ».")
    assert [count for _level, count in suivi.compte_par_niveau()] == [0, 1, 1, 0, 0, 1]
    assert [(e.numero, e.niveau) for e in suivi.de_la_campagne("2026-06")] == [(5, "atteint"), (22, "se-prepare")]


def test_one_assessment_is_said_in_the_singular(project):
    corpus = with_campaigns(project, ("2026-12", "jalons:\n" + assessed(3, "en-route")))
    assert corpus.suivi.phrase().startswith("1 jalon évalué sur 67 ; dernière évaluation : décembre 2026.")
    assert corpus.suivi.titre("2026-12") == "Évaluation de décembre 2026"


def test_jalons_campagne_starts_from_the_last_assessments_in_comments(project):
    with_campaigns(project, ("2026-01", 'methode: "Lecture des rapports."\njalons:\n'
                                        + assessed(22, "en-route", "Des réseaux existent.")
                                        + '    preuves:\n      - "[Fonds Écoleader](ressource:fonds-ecoleader)"\n'))
    result = jalons_command("campagne", "2026-12", cwd=project)
    assert result.returncode == 0, result.stderr
    assert "La dernière évaluation de 1 jalon y est reprise en commentaires" in result.stdout
    written = (project / "content/evaluations/2026-12.yml").read_text(encoding="utf-8")
    assert written == (FIXTURES / "campagne-commencee.yml").read_text(encoding="utf-8")
    # As written, nothing is assessed: jalons check says what to fill, nothing is published by mistake.
    check = jalons_command("check", cwd=project)
    assert check.returncode == 1 and "content/evaluations/2026-12.yml:" in check.stderr
    assert "aucune évaluation : une campagne évalue au moins un jalon" in check.stderr
    # Uncommented, the last assessment's block is a valid assessment.
    uncommented = written.replace("  # 22:", "  22:").replace("  #   ", "    ")
    (project / "content/evaluations/2026-12.yml").write_text(uncommented, encoding="utf-8")
    assert jalons_command("check", cwd=project).returncode == 0
    again = jalons_command("campagne", "2026-12", cwd=project)
    assert again.returncode == 1 and "existe déjà" in again.stderr and "Traceback" not in again.stderr


@pytest.mark.parametrize("date", ["2026-13", "décembre", "2026-1"])
def test_jalons_campagne_refuses_a_date_that_is_not_one(project, date):
    result = jalons_command("campagne", date, cwd=project)
    assert result.returncode == 2 and "AAAA-MM" in result.stderr and "Traceback" not in result.stderr
    assert not (project / "content/evaluations").exists()


def suggestion(project, body: str):
    message = project / "message.txt"
    message.write_text(f"Bonjour,\n\n{DEBUT}\n{body}\n{FIN}\n", encoding="utf-8")
    return jalons_command("suggestion", "apply", str(message), "--campagne", "2026-12", cwd=project)


LEVEL = ('jalon: 22\nsection: "avancement"\nniveau: "en-route"\nnom: "Ana"\norganisation: "Coop"\n'
         'proposition: "Des comités régionaux se réunissent : voir leur rapport."')


def test_a_proposed_level_goes_to_the_campaign_with_the_readers_justification(project):
    fiche = (project / "content/jalons/22-reseaux-de-collaboration.yml").read_bytes()
    result = suggestion(project, LEVEL)
    assert result.returncode == 0, result.stderr
    text = (project / "content/evaluations/2026-12.yml").read_text(encoding="utf-8")
    assert "# Proposé par Ana (Coop) par le formulaire de contribution : à vérifier avant publication." in text
    assert YAML(typ="safe").load(text)["jalons"] == {22: {
        "niveau": "en-route", "justification": "Des comités régionaux se réunissent : voir leur rapport."}}
    assert (project / "content/jalons/22-reseaux-de-collaboration.yml").read_bytes() == fiche  # no level there
    # A second proposal for the same jalon and campaign is the RRECQ's to weigh: said, not added.
    again = suggestion(project, LEVEL.replace("en-route", "se-prepare"))
    assert again.returncode == 1
    assert again.stderr == ("Erreur : le jalon 22 est déjà évalué dans content/evaluations/2026-12.yml : comparez la "
                            "proposition avec cette évaluation et modifiez le fichier à la main\n")
    assert (project / "content/evaluations/2026-12.yml").read_text(encoding="utf-8") == text


def test_a_proposed_level_joins_a_campaign_in_preparation(project):
    with_campaigns(project, ("2026-12", "titre: Bilan\njalons:\n" + assessed(5, "atteint")))
    result = suggestion(project, LEVEL)
    assert result.returncode == 0, result.stderr
    data = YAML(typ="safe").load((project / "content/evaluations/2026-12.yml").read_text(encoding="utf-8"))
    assert data["titre"] == "Bilan" and list(data["jalons"]) == [5, 22]


def test_a_proposed_level_without_reasons_is_refused(project):
    """A message of the older form gave the level as the proposition itself: there is no justification."""
    result = suggestion(project, 'jalon: 22\nsection: "avancement"\nproposition: "On est en route"')
    assert result.returncode == 1
    assert result.stderr == ("Erreur : la proposition de niveau ne dit pas pourquoi : une évaluation a toujours sa "
                             "justification ; demandez-la à la personne, puis ajoutez-la à la main\n")
    assert not (project / "content/evaluations").exists()


def test_a_proposed_level_keeps_the_readers_lines(project):
    """Several lines of reasons are written as the fiche's texts are: a literal block, read back exactly."""
    result = suggestion(project, LEVEL.replace("voir leur rapport.", "voir leur rapport.\\n\\nEt le bilan 2025."))
    assert result.returncode == 0, result.stderr
    text = (project / "content/evaluations/2026-12.yml").read_text(encoding="utf-8")
    assert "    justification: |-\n" in text
    assert YAML(typ="safe").load(text)["jalons"][22]["justification"] == (
        "Des comités régionaux se réunissent : voir leur rapport.\n\nEt le bilan 2025.")


@pytest.mark.parametrize("who, said", [('nom: "Ana"\norganisation: "Coop"', "Ana (Coop)"), ('nom: "Ana"', "Ana"),
                                       ('organisation: "Coop"', "(Coop)"), ("", "un lecteur")])
def test_a_proposed_level_says_who_proposed_it_above_its_entry(project, who, said):
    body = 'jalon: 22\nsection: "avancement"\nniveau: "en-route"\nproposition: "Des comités se réunissent."\n' + who
    assert suggestion(project, body).returncode == 0
    lines = (project / "content/evaluations/2026-12.yml").read_text(encoding="utf-8").splitlines()
    at = lines.index("  22:")
    assert lines[at - 1] == f"  # Proposé par {said} par le formulaire de contribution : à vérifier avant publication."
    # A new campaign's file starts with the header `jalons campagne` writes: the schema, then what to do.
    assert lines[0].startswith("# yaml-language-server: $schema=") and lines[at - 2] == "jalons:"


def test_a_proposed_level_joins_a_campaign_file_that_starts_with_a_bom(project):
    with_campaigns(project, ("2026-12", "titre: Bilan\njalons:\n" + assessed(5, "atteint")))
    path = project / "content/evaluations/2026-12.yml"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    result = suggestion(project, LEVEL)
    assert result.returncode == 0, result.stderr
    data = YAML(typ="safe").load(path.read_text(encoding="utf-8-sig"))
    assert data["titre"] == "Bilan" and list(data["jalons"]) == [5, 22]
