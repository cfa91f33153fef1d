"""The git history is input too: every past state of a fiche goes through the same model as the working tree;
one that does not is skipped with a warning naming its commit, and never stops a build. A version never
goes back, nor is published twice: its address is cited."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import feedparser
import pytest
from conftest import copy_project, git, jalons_command

from jalons.content.errors import ContentErrors
from jalons.site.build import build_site

FICHE = "jalons/22-reseaux-de-collaboration.yml"
TITLE = "titre: Réseaux de collaboration"


def commit(project: Path, message: str, date: str) -> str:
    git(project, "commit", "--quiet", "-am", message, date=date)
    return subprocess.run(["git", "rev-parse", "--short=7", "HEAD"], cwd=project, capture_output=True,
                          text=True, check=True).stdout.strip()


def repository(tmp_path: Path, content: str = "content") -> tuple[Path, Path, str]:
    """A project whose content folder is `content`, with fiche 22 committed in July 2025."""
    project = copy_project(tmp_path / "projet")
    if content != "content":
        (project / "content").rename(project / content)
    git(project, "init", "--quiet", "--initial-branch=main")
    git(project, "add", "-A")
    first = commit(project, "Fiche 22", "2025-07-15T10:00:00+00:00")
    return project, project / content, first


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def check(project: Path, content: Path):
    return jalons_command("check", "--content", str(content), cwd=project)


@pytest.mark.parametrize("bad", [
    "version: 'juillet'", "version: '2025-13'", "version: '2025-07/../../x'", "version: 2025",
    "version: '2025-07'\ncouleur: verte", "version: [2025-07", "version: '2025-07'\nnumero: 23",
])
def test_a_bad_past_state_fixed_later_is_a_warning_and_never_stops_the_build(tmp_path, bad):
    project, content, _first = repository(tmp_path)
    edit(content / FICHE, "version: '2025-07'", bad)
    broken = commit(project, "Une erreur", "2025-08-01T10:00:00+00:00")
    edit(content / FICHE, bad, "version: '2025-07'")
    commit(project, "Corrigée", "2025-08-02T10:00:00+00:00")
    result = check(project, content)
    assert result.returncode == 0, result.stderr
    assert f"Attention : historique : état de la fiche 22 au commit {broken} ignoré" in result.stderr
    assert f"{broken}:content/{FICHE}:" in result.stderr  # where, in that commit's file
    assert "Traceback" not in result.stderr
    site = build_site(content, git_history=True)
    assert any(broken in warning for warning in site.warnings)
    assert [v.version for v in site.historique.versions[22]] == ["2025-07"]
    feedparser.parse(site.data["feed.xml"])  # the feed is written


def versions_going_back(tmp_path: Path) -> tuple[Path, Path, list[str]]:
    project, content, first = repository(tmp_path)
    edit(content / FICHE, "version: '2025-07'", "version: '2026-01'")
    edit(content / FICHE, TITLE, TITLE + " renouvelés")
    second = commit(project, "Janvier 2026", "2026-01-20T10:00:00+00:00")
    edit(content / FICHE, "version: '2026-01'", "version: '2025-07'")
    third = commit(project, "Retour en juillet 2025", "2026-02-01T10:00:00+00:00")
    return project, content, [first, second, third]


def test_a_version_that_goes_back_fails_check_and_build_naming_both_commits(tmp_path):
    project, content, (first, second, third) = versions_going_back(tmp_path)
    result = check(project, content)
    assert result.returncode == 1
    line = next(line for line in result.stderr.splitlines() if "n'est pas postérieure" in line)
    assert re.match(rf"^{re.escape(str(Path('content') / FICHE))}:\d+:\d+: ", line), line
    assert f"la version 2025-07 (commit {third})" in line and f"version 2025-07 déjà publiée (commit {first})" in line
    assert "postérieure à 2026-01 (janvier 2026)" in line
    with pytest.raises(ContentErrors):
        build_site(content, git_history=True)


def test_a_version_repeated_in_the_working_tree_names_it(tmp_path):
    project, content, first = repository(tmp_path)
    edit(content / FICHE, "version: '2025-07'", "version: '2026-01'")
    commit(project, "Janvier 2026", "2026-01-20T10:00:00+00:00")
    edit(content / FICHE, "version: '2026-01'", "version: '2025-07'")  # not committed
    result = check(project, content)
    assert result.returncode == 1
    assert (f"la version 2025-07 (copie de travail, non publiée) n'est pas postérieure à la version 2025-07 "
            f"déjà publiée (commit {first})") in result.stderr, result.stderr


def test_once_a_later_version_follows_the_step_back_is_skipped_with_a_warning(tmp_path):
    project, content, (first, second, third) = versions_going_back(tmp_path)
    edit(content / FICHE, "version: '2025-07'", "version: '2026-02'")
    commit(project, "Février 2026", "2026-02-10T10:00:00+00:00")
    result = check(project, content)
    assert result.returncode == 0, result.stderr
    assert f"la version 2025-07 (commit {third}) n'est pas postérieure à la version 2025-07 déjà publiée " \
           f"(commit {first}) : elle est ignorée" in result.stderr
    site = build_site(content, git_history=True, site_url="https://exemple.org/")
    versions = site.historique.versions[22]
    assert [v.version for v in versions] == ["2026-02", "2026-01", "2025-07"]
    # The cited address of July 2025 shows July 2025's text, as first published.
    assert versions[-1].donnees["titre"] == "Réseaux de collaboration pour des chaînes de valeur circulaires"
    ids = [entry.id for entry in feedparser.parse(site.data["feed.xml"]).entries]
    assert len(ids) == len(set(ids)) == 3


@pytest.mark.parametrize("folder", ["contenu-été", "contenu avec espaces", "contenu \"cité\""])
def test_history_is_read_whatever_the_folders_name(tmp_path, folder):
    project, content, first = repository(tmp_path, folder)
    edit(content / FICHE, "version: '2025-07'", "version: '2026-01'")
    commit(project, "Janvier 2026", "2026-01-20T10:00:00+00:00")
    site = build_site(content, git_history=True)
    assert [v.version for v in site.historique.versions[22]] == ["2026-01", "2025-07"]
    assert site.historique.avertissements == [] and site.historique.avertissement is None


@pytest.mark.lent
def test_the_real_build_passes_over_a_bad_past_state(tmp_path):
    from conftest import mkdocs_build

    project, content, _first = repository(tmp_path)
    edit(content / FICHE, "version: '2025-07'", "version: '2025-13'")
    broken = commit(project, "Une erreur", "2025-08-01T10:00:00+00:00")
    edit(content / FICHE, "version: '2025-13'", "version: '2026-01'")
    commit(project, "Janvier 2026", "2026-01-20T10:00:00+00:00")
    result = mkdocs_build(project, env={"JALONS_PDF": "false"})
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr and f"commit {broken} ignoré" in result.stderr
    assert (project / "site/jalons/22/2025-07/index.html").is_file()
    assert (project / "site/jalons/22/2026-01/index.html").is_file()


def test_the_log_is_read_field_by_field_whatever_the_paths():
    """`git log -z --name-status` as git writes it: added, modified, renamed and copied files give their
    (new) path; deleted ones nothing; a path is taken as it is, quotes, tabs and accents included."""
    import datetime

    from jalons.content.history import _changed_files

    log = (b"\x1e" + b"a" * 40 + b"\x1f2025-07-15T10:00:00+00:00\x00\n"
           b"A\x00content/jalons/22-a.yml\x00M\x00contenu-\xc3\xa9t\xc3\xa9/jalons/23-b.yml\x00"
           b"\x1e" + b"b" * 40 + b"\x1f2026-01-20T09:30:00-05:00\x00\n"
           b"R100\x00content/jalons/22-a.yml\x00content/jalons/22-c \"d\".yml\x00"
           b"D\x00content/jalons/23-b.yml\x00C075\x00content/jalons/22-c.yml\x00content/jalons/24-e\tf.yml\x00")
    first = datetime.datetime(2025, 7, 15, 10, tzinfo=datetime.UTC)
    second = datetime.datetime.fromisoformat("2026-01-20T09:30:00-05:00")
    assert _changed_files(log) == [
        ("a" * 40, first, "content/jalons/22-a.yml"),
        ("a" * 40, first, "contenu-été/jalons/23-b.yml"),
        ("b" * 40, second, 'content/jalons/22-c "d".yml'),
        ("b" * 40, second, "content/jalons/24-e\tf.yml"),
    ]
    assert _changed_files(b"") == []
