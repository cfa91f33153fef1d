"""The `jalons` commands as a person runs them: the same option for the content everywhere, the roadmap's
numbers, the project found from a subfolder, and the GitHub annotations of `jalons check`."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import jalons_command

from jalons.content.errors import ContentError
from jalons.editing.annotations import annotation, problem_annotation

FICHE_22 = "content/jalons/22-reseaux-de-collaboration.yml"
ANNOTATION = re.compile(r"^::(error|warning) file=([^,:]+),line=(\d+),col=(\d+),title=jalons check::(.+)$")
TEXT_ERROR = re.compile(r"^(content/[^:]+):(\d+):(\d+): (.+)$")


def break_content(project: Path) -> None:
    """Three errors in two files: an unknown key and a wrong type in fiche 22, a resource of unknown type."""
    path = project / FICHE_22
    path.write_text(path.read_text(encoding="utf-8") + "couleur: verte\npivot: [oui]\n", encoding="utf-8")
    ressource = sorted((project / "content/ressources").glob("*.yml"))[0]
    text = ressource.read_text(encoding="utf-8")
    ressource.write_text(re.sub(r"(?m)^type: .*$", "type: recette", text), encoding="utf-8")


def test_check_takes_the_content_folder_as_option_or_argument(project, tmp_path):
    elsewhere = tmp_path / "ailleurs"
    (project / "content").rename(elsewhere)
    by_option = jalons_command("check", "--content", str(elsewhere), cwd=project)
    by_argument = jalons_command("check", str(elsewhere), cwd=project)
    assert by_option.returncode == by_argument.returncode == 0, by_option.stderr
    assert by_option.stdout == by_argument.stdout and "1 fiche sur 67 jalons" in by_option.stdout
    both = jalons_command("check", str(elsewhere), "--content", str(project), cwd=project)
    assert both.returncode == 2 and "deux dossiers de contenu donnés" in both.stderr


@pytest.mark.parametrize("numero", ["0", "68", "-1"])
def test_every_number_outside_the_roadmap_gets_the_roadmaps_range(project, numero):
    result = jalons_command("new", "--", numero, "Hors feuille", cwd=project)
    assert result.returncode == 1, result.stderr
    assert result.stderr == f"Erreur : le jalon {numero} n'existe pas : la feuille de route compte les jalons 1 à 67\n"
    assert sorted(path.name for path in (project / "content/jalons").iterdir()) == ["22-reseaux-de-collaboration.yml"]


@pytest.mark.parametrize("numero", ["0", "68"])
def test_a_fiche_numbered_outside_the_roadmap_gets_the_same_range(project, numero):
    path = project / FICHE_22
    path.write_text(path.read_text(encoding="utf-8").replace("numero: 22", f"numero: {numero}"), encoding="utf-8")
    result = jalons_command("check", cwd=project)
    assert result.returncode == 1
    assert f"valeur attendue : un numéro de 1 à 67 ; trouvé : {numero}" in result.stderr, result.stderr


@pytest.mark.parametrize("subfolder", ["content/jalons", "content", "overrides"])
def test_commands_find_the_project_from_a_subfolder(project, subfolder):
    result = jalons_command("new", "25", "Un titre", cwd=project / subfolder)
    assert result.returncode == 0, result.stderr
    assert (project / "content/jalons/25-un-titre.yml").is_file()
    assert not list(project.rglob("content/**/content"))
    check = jalons_command("check", cwd=project / subfolder)
    assert check.returncode == 1 and "25-un-titre.yml:" in check.stderr  # its statement is still to write


def test_check_github_format_is_one_annotation_per_error_on_its_line(project):
    break_content(project)
    text = jalons_command("check", cwd=project)
    github = jalons_command("check", "--format", "github", cwd=project / "content/jalons")
    assert text.returncode == github.returncode == 1
    expected = [TEXT_ERROR.match(line).groups() for line in text.stderr.splitlines()[:-1]]
    assert len(expected) == 3, text.stderr
    found = [ANNOTATION.match(line) for line in github.stdout.splitlines()]
    assert all(found), github.stdout
    # The same errors, with the file named from the repository's top, as GitHub reads it.
    assert [(m.group(2), m.group(3), m.group(4), m.group(5)) for m in found] == expected
    assert {m.group(1) for m in found} == {"error"}
    assert github.stderr == "Erreur : 3 erreurs dans le contenu.\n"


def test_check_github_format_gives_warnings_as_warnings(project):
    result = jalons_command("check", "--format", "github", cwd=project)
    assert result.returncode == 0 and result.stderr == ""
    summary, *annotations = result.stdout.splitlines()
    assert summary.startswith("Contenu valide")
    # What the RRECQ has not given yet, each where it would be written: a licence, the roadmap's document and a
    # logo in feuille-de-route.yml, and an address in each resource that has none.
    found = [re.match(r"::warning file=([^,]+),line=\d+,col=\d+,title=jalons check::(.*)$", line) for line in annotations]
    assert all(found), annotations
    roadmap = [message.split(" ", 1)[0] for file, message in (m.groups() for m in found)
               if file == "content/feuille-de-route.yml"]
    assert roadmap == ["aucune", "identite.document", "identite.logo", "partie", "partie"]  # two groups undescribed
    without_address = sorted(f"content/ressources/{path.name}" for path in (project / "content/ressources").glob("*.yml")
                             if not re.search(r"^url:", path.read_text(encoding="utf-8"), re.M))
    assert without_address and sorted(m.group(1) for m in found if "ressources/" in m.group(1)) == without_address
    assert all("ressource sans adresse" in m.group(2) for m in found if "ressources/" in m.group(1))


def test_annotations_escape_what_github_reads_as_syntax(tmp_path):
    line = annotation("error", "50 % :\nsuite", base=tmp_path, path=tmp_path / "a,b:c.yml", line=3, column=4)
    assert line == "::error file=a%2Cb%3Ac.yml,line=3,col=4,title=jalons check::50 %25 :%0Asuite"
    error = ContentError(tmp_path / "content/x.yml", 1, 2, "message")
    assert problem_annotation("warning", error, base=tmp_path) == \
        "::warning file=content/x.yml,line=1,col=2,title=jalons check::message"
