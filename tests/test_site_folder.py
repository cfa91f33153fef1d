"""The site folder rewritten in place by `mkdocs build` (site/inplace.py): what a build leaves is what MkDocs leaves
when it empties the folder first, byte for byte; only the files are the same ones."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest

from jalons.site.inplace import InPlace


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def previous_site(site: Path) -> None:
    write(site / "index.html", "avant")
    write(site / "jalons/22/index.html", "avant")
    write(site / "jalons/99/index.html", "une page qui n'est plus")  # its folders go with it
    write(site / "vieux.txt", "un fichier qui n'est plus")
    write(site / ".git/HEAD", "ref: refs/heads/gh-pages")  # hidden: MkDocs leaves it, so does the plugin
    write(site / "assets/.cache/x", "caché, mais dans un dossier que MkDocs vide")
    os.symlink("jalons", site / "lien")
    time.sleep(0.05)  # the previous build is over before this one starts


def test_a_build_rewrites_its_files_in_place_and_removes_what_it_did_not_write(tmp_path):
    site = tmp_path / "site"
    previous_site(site)
    kept_inode = (site / "jalons/22/index.html").stat().st_ino
    in_place = InPlace.set_aside(site)
    assert in_place is not None and not site.exists()  # MkDocs finds nothing to empty
    in_place.back()
    write(site / "index.html", "après")  # the build writes
    write(site / "jalons/22/index.html", "après")
    write(site / "jalons/23/index.html", "nouvelle")
    in_place.sweep()
    files = sorted(path.relative_to(site).as_posix() for path in site.rglob("*") if path.is_file())
    assert files == [".git/HEAD", "index.html", "jalons/22/index.html", "jalons/23/index.html"]
    assert sorted(path.name for path in (site / "jalons").iterdir()) == ["22", "23"]
    assert not (site / "lien").is_symlink() and not (site / "assets").exists()
    assert (site / "jalons/22/index.html").read_text(encoding="utf-8") == "après"
    assert (site / "jalons/22/index.html").stat().st_ino == kept_inode  # the same file, rewritten
    assert not any(path.name.startswith(".jalons") for path in tmp_path.iterdir())


def test_a_file_copied_with_its_old_modification_time_is_this_builds(tmp_path):
    site = tmp_path / "site"
    previous_site(site)
    source = tmp_path / "source.txt"
    source.write_text("copié", encoding="utf-8")
    os.utime(source, (0, 0))  # 1970
    in_place = InPlace.set_aside(site)
    in_place.back()
    shutil.copy2(source, site / "vieux.txt")  # a plugin's copy that keeps the time of modification
    in_place.sweep()
    assert (site / "vieux.txt").read_text(encoding="utf-8") == "copié"


def test_a_stopped_build_leaves_the_folder_as_it_was_or_the_next_one_cleans_up(tmp_path):
    site = tmp_path / "site"
    previous_site(site)
    InPlace.set_aside(site).restore()  # stopped before anything was written
    assert (site / "vieux.txt").read_text(encoding="utf-8") == "un fichier qui n'est plus"
    InPlace.set_aside(site)  # stopped, not even restored: the folder is left beside, hidden
    assert not site.exists()
    write(site / "index.html", "une autre construction")
    assert InPlace.set_aside(site) is not None  # the next build removes what was left beside
    assert [path.name for path in tmp_path.iterdir()] == [".site.jalons-en-cours"]


@pytest.mark.parametrize("case", ["missing", "hard link", "link"])
def test_where_it_cannot_be_done_mkdocs_empties_the_folder_as_usual(tmp_path, case):
    site = tmp_path / "site"
    if case != "missing":
        previous_site(site)
    if case == "hard link":  # a deployment's snapshot: rewriting in place would change it too
        os.link(site / "index.html", tmp_path / "instantane.html")
    if case == "link":
        site.rename(tmp_path / "ailleurs")
        os.symlink(tmp_path / "ailleurs", site)
    assert InPlace.set_aside(site) is None
    assert case == "missing" or (site / "index.html").read_text(encoding="utf-8") == "avant"


def test_a_folder_written_meanwhile_is_the_one_the_build_writes_to(tmp_path):
    site = tmp_path / "site"
    previous_site(site)
    in_place = InPlace.set_aside(site)
    write(site / "par-un-autre.txt", "écrit avant que le dossier revienne")
    in_place.back()
    in_place.sweep()
    assert sorted(path.name for path in site.iterdir()) == ["par-un-autre.txt"]
    assert not any(path.name.startswith(".site") for path in tmp_path.iterdir())


@pytest.mark.lent
def test_two_builds_in_one_folder_leave_the_site_a_build_in_a_new_folder_makes(tmp_path):
    """The second build after a hand-written page is removed: its page and folder are gone, every other file is
    the one a build in a new folder writes, and the files are the first build's, rewritten."""
    from conftest import copy_project, mkdocs_build

    project = copy_project(tmp_path / "projet")
    page = project / "content/pages/ephemere.md"
    page.write_text("# Une page éphémère\n", encoding="utf-8")
    env = {"JALONS_PDF": "false"}
    result = mkdocs_build(project, tmp_path / "site", env=env)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "site/ephemere/index.html").is_file()
    inode = (tmp_path / "site/donnees/jalons.json").stat().st_ino
    page.unlink()
    for site in ("site", "neuf"):
        result = mkdocs_build(project, tmp_path / site, env=env)
        assert result.returncode == 0, result.stderr
    assert not (tmp_path / "site/ephemere").exists()
    assert (tmp_path / "site/donnees/jalons.json").stat().st_ino == inode
    files = {site: sorted(path.relative_to(tmp_path / site) for path in (tmp_path / site).rglob("*") if path.is_file())
             for site in ("site", "neuf")}
    folders = {site: sorted(path.relative_to(tmp_path / site) for path in (tmp_path / site).rglob("*") if path.is_dir())
               for site in ("site", "neuf")}
    assert files["site"] == files["neuf"] and folders["site"] == folders["neuf"]
    assert [path for path in files["site"]
            if (tmp_path / "site" / path).read_bytes() != (tmp_path / "neuf" / path).read_bytes()] == []


@pytest.mark.lent
def test_a_file_where_the_site_folder_goes_is_said_in_french(tmp_path):
    from conftest import copy_project, mkdocs_build

    project = copy_project(tmp_path / "projet")
    (tmp_path / "site").write_text("un fichier", encoding="utf-8")
    result = mkdocs_build(project, tmp_path / "site", env={"JALONS_PDF": "false"})
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert f"jalons : {tmp_path / 'site'} devrait être le dossier du site, et c'est un fichier" in result.stderr
    assert (tmp_path / "site").read_text(encoding="utf-8") == "un fichier"  # left as it was
