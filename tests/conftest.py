"""Shared fixtures: a copy of the site project to break, and real builds of it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
PROJECT_PARTS = ("mkdocs.yml", "content", "overrides")


def run(args: list[str], cwd: Path, **kwargs) -> subprocess.CompletedProcess:
    """A command as a person runs it, from the project folder."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONWARNINGS": "ignore"}
    return subprocess.run(args, cwd=cwd, capture_output=True, text=True, env=env, timeout=300, **kwargs)


def jalons_command(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return run([sys.executable, "-m", "jalons", *args], cwd=cwd)


def mkdocs_build(cwd: Path, site_dir: Path | None = None) -> subprocess.CompletedProcess:
    args = [sys.executable, "-m", "mkdocs", "build", "--strict"]
    if site_dir is not None:
        args += ["--site-dir", str(site_dir)]
    return run(args, cwd=cwd)


def copy_project(destination: Path) -> Path:
    destination.mkdir(parents=True, exist_ok=True)
    for part in PROJECT_PARTS:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, destination / part)
        else:
            shutil.copy2(source, destination / part)
    return destination


def article_text(html_file: Path) -> str:
    """The words of a page's main content, whitespace folded, as a reader sees them."""
    soup = BeautifulSoup(html_file.read_text(encoding="utf-8"), "html.parser")
    article = soup.select_one("article")
    for anchor in article.select("a.headerlink"):
        anchor.decompose()
    return " ".join(article.get_text("").split())


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A private copy of the site project (mkdocs.yml, content/, overrides/) to modify."""
    return copy_project(tmp_path / "projet")


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The repository's own site, built once with `mkdocs build --strict`."""
    site_dir = tmp_path_factory.mktemp("site")
    result = mkdocs_build(ROOT, site_dir)
    assert result.returncode == 0, result.stderr
    return site_dir


def pytest_addoption(parser):
    parser.addoption("--update-golden", action="store_true", help="rewrite the golden files from the current output")
