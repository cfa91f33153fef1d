"""`jalons verify`: a built site without its fiches (an engine that ignored the plugin) fails loudly."""

from __future__ import annotations

import json
import re
import shutil
import sys
from pathlib import Path

import pytest
from conftest import ROOT, copy_project, jalons_command, run

from jalons.content.loading import load_corpus
from jalons.site.verify import missing_parts

pytestmark = pytest.mark.lent  # real builds


def test_the_repositorys_site_is_whole(built_site):
    assert missing_parts(load_corpus(ROOT / "content"), built_site) == []


def _remove(site: Path, path: str) -> None:
    (site / path).unlink()


def _retitle(site: Path, path: str) -> None:
    page = site / path
    page.write_text(re.sub(r"<h1>.*?</h1>", "<h1>Autre titre</h1>", page.read_text(encoding="utf-8"), count=1,
                           flags=re.S), encoding="utf-8")


def _truncate(site: Path, path: str) -> None:
    (site / path).write_bytes(b"")


def _drop_from_data(site: Path, path: str) -> None:
    data = site / path
    data.write_text(json.dumps([e for e in json.loads(data.read_text(encoding="utf-8")) if e["numero"] != 22]),
                    encoding="utf-8")


@pytest.mark.parametrize(("damage", "path", "expected"), [
    (_remove, "jalons/22/index.html", "jalon 22 : page absente (jalons/22/)"),
    (_remove, "jalons/41/index.html", "jalon 41 : page absente (jalons/41/)"),
    (_retitle, "jalons/22/index.html", "jalon 22 : la page n'a pas le titre de la fiche"),
    (_remove, "jalons/22/fiche-jalon-22.pdf", "jalon 22 : PDF absent ou illisible"),
    (_truncate, "jalons/22/fiche-jalon-22.pdf", "jalon 22 : PDF absent ou illisible"),
    (_drop_from_data, "donnees/jalons.json", "jalon 22 : absent des données ouvertes"),
    (_remove, "donnees/jalons.json", "données ouvertes absentes ou illisibles"),
    (_remove, "feed.xml", "fil des nouveautés absent"),
    (_remove, "jalons/22/2025-07/index.html", "jalon 22 : page de la version actuelle absente (jalons/22/2025-07/)"),
    (_remove, "jalons/22/2025-07/jalon-22-2025-07.ris", "jalon 22 : fichiers de citation absents (jalons/22/2025-07/jalon-22-2025-07.ris)"),
    (_remove, "donnees/datapackage.json", "description des données absente (donnees/datapackage.json)"),
], ids=["page-fiche", "page-a-venir", "titre", "pdf", "pdf-vide", "donnee", "donnees", "fil", "version", "citation",
        "datapackage"])
def test_each_missing_part_is_named(built_site, tmp_path, damage, path, expected):
    site = tmp_path / "site"
    shutil.copytree(built_site, site)
    damage(site, path)
    problems = missing_parts(load_corpus(ROOT / "content"), site)
    assert len(problems) == 1 and problems[0].startswith(expected), problems


def test_a_build_without_the_plugin_fails_the_check(tmp_path):
    """Done when of issue 13: removing `jalons` from `plugins:` makes the guard fail."""
    project = copy_project(tmp_path / "projet")
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    without = re.sub(r"\n  - jalons:\n(?:      .*\n)+", "\n", text)
    assert without != text and "jalons:" not in without
    config.write_text(without, encoding="utf-8")
    build = run([sys.executable, "-m", "mkdocs", "build"], cwd=project)  # not --strict: the navigation's pages are gone
    assert build.returncode == 0, build.stderr
    result = jalons_command("verify", "site", cwd=project)
    assert result.returncode == 1
    assert "jalon 1 : page absente" in result.stderr and "jalon 22 : page absente" in result.stderr
    assert "Erreur : site incomplet : 70 problèmes ; le plugin jalons a-t-il tourné ?" in result.stderr
