"""Shared fixtures: a copy of the site project to break, and real builds of it."""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import traceback
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from jalons.site.typography import french

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
from site_tour import CHROMIUM, CHROMIUM_ARGS, HEADLESS_SHELL, served, site_path  # noqa: E402,F401  (shared with the scripts)
FIXTURES = Path(__file__).resolve().parent / "fixtures"
PROJECT_PARTS = ("mkdocs.yml", "content", "overrides")


# The fast tier, for the edit–test loop: `pytest -m "not lent"` (CONTRIBUTING.md) runs the model, loading,
# error reports, rendering and editing tests, in-process. A test that builds a site, starts a browser, serves
# pages or runs an external tool is marked `lent`: by a fixture it uses (SLOW_FIXTURES), by its module
# (`pytestmark`), or by hand. Whichever is missed is caught here: such a step in a test not marked `lent`
# fails, in every run, so the fast tier can never grow slow unnoticed.
SLOW_FIXTURES = {"built_site", "built_site_log", "site_url", "graph_site", "graph_site_url", "playwright",
                 "browser", "chromium", "tour", "page", "zensical_site", "hostile_site"}
SLOW_PROGRAMS = ("mkdocs", "zensical", "properdocs", "java", "node", "npm", "npx", "linkchecker", "frictionless",
                 "lighthouse")
_running_slow_test = True  # outside a test (a session fixture set up first), nothing is refused


def pytest_collection_modifyitems(config, items):
    for item in items:
        if SLOW_FIXTURES & set(item.fixturenames):
            item.add_marker(pytest.mark.lent)


@pytest.hookimpl(tryfirst=True)  # before the test's fixtures are set up: a site built by one of them counts
def pytest_runtest_setup(item):
    global _running_slow_test
    _running_slow_test = item.get_closest_marker("lent") is not None


def slow_step(what: str) -> None:
    """Refuse a slow step in a test of the fast tier, naming the way out."""
    if not _running_slow_test:
        pytest.fail(f"{what} dans un test du palier rapide : marquez-le @pytest.mark.lent", pytrace=False)


def run(args: list[str], cwd: Path, env: dict[str, str] | None = None, **kwargs) -> subprocess.CompletedProcess:
    """A command as a person runs it, from the project folder (`env` adds to the environment)."""
    program = Path(str(args[0])).name
    if program.startswith(SLOW_PROGRAMS) or (program.startswith("python") and args[1:2] == ["-m"]):
        slow_step(f"« {' '.join(map(str, args[:3]))} »")
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONWARNINGS": "ignore", **(env or {})}
    return subprocess.run(args, cwd=cwd, capture_output=True, text=True, env=environment, timeout=300, **kwargs)


def jalons_process(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    """The `jalons` command in a process of its own, as a person starts it."""
    return run([sys.executable, "-m", "jalons", *args], cwd=cwd)


def jalons_command(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    """The `jalons` command run in this process (Click's test runner) from `cwd`, as a finished process:
    exit status, standard output and error. A Python exception that escapes the command is written to
    stderr as the interpreter would (« Traceback … »), so that tests for « no traceback » still see it.
    Starting Python for each command cost about a second a test; `jalons_process` keeps a real one."""
    from click.testing import CliRunner

    from jalons.cli import main

    with contextlib.chdir(cwd):
        result = CliRunner(env={"COLUMNS": "80"}).invoke(main, list(args), prog_name="jalons", terminal_width=80)
    stderr = result.stderr
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        stderr += "Traceback (most recent call last):\n" + "".join(traceback.format_exception(*result.exc_info))
    return subprocess.CompletedProcess(["jalons", *args], result.exit_code, result.stdout, stderr)


def mkdocs_build(cwd: Path, site_dir: Path | None = None, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    args = [sys.executable, "-m", "mkdocs", "build", "--strict"]
    if site_dir is not None:
        args += ["--site-dir", str(site_dir)]
    return run(args, cwd=cwd, env=env)


def git(project: Path, *args: str, date: str = "2025-07-15T10:00:00+00:00") -> None:
    """A git command in `project` by a fixed author at a fixed date (commits are reproducible)."""
    identity = {"GIT_AUTHOR_NAME": "Équipe RRECQ", "GIT_AUTHOR_EMAIL": "info@rrecq.ca", "GIT_AUTHOR_DATE": date,
                "GIT_COMMITTER_NAME": "Équipe RRECQ", "GIT_COMMITTER_EMAIL": "info@rrecq.ca",
                "GIT_COMMITTER_DATE": date}
    result = run(["git", *args], cwd=project, env=identity)
    assert result.returncode == 0, result.stderr


def git_project(destination: Path) -> Path:
    """A copy of the site project in a git repository of its own, with one commit."""
    project = copy_project(destination)
    git(project, "init", "--quiet", "--initial-branch=main")
    git(project, "add", "-A")
    git(project, "commit", "--quiet", "-m", "Fiche 22, version de juillet 2025")
    return project


def copy_project(destination: Path) -> Path:
    destination.mkdir(parents=True, exist_ok=True)
    for part in PROJECT_PARTS:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, destination / part)
        else:
            shutil.copy2(source, destination / part)
    return destination


def as_read(text: str) -> str:
    """A text as the site shows it (French typography: typographic apostrophes, spaces before « : ? »),
    whitespace folded, no-break spaces included: what a content text becomes on a page."""
    return " ".join(french(text).split())


def article_text(html_file: Path) -> str:
    """The words of a page's main content, whitespace folded, as a reader sees them (compare a content
    text with `as_read(text)`)."""
    soup = BeautifulSoup(html_file.read_text(encoding="utf-8"), "html.parser")
    article = soup.select_one("article")
    for anchor in article.select("a.headerlink"):
        anchor.decompose()
    return as_read(article.get_text(""))


def page_jsonld(html_file: Path) -> dict:
    """The JSON-LD a built page gives search engines (the one `application/ld+json` script of its head)."""
    head = BeautifulSoup(html_file.read_text(encoding="utf-8"), "html.parser").head
    return json.loads(head.find("script", type="application/ld+json").string)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A private copy of the site project (mkdocs.yml, content/, overrides/) to modify."""
    return copy_project(tmp_path / "projet")


def built_once(tmp_path_factory, name: str, build) -> Path:
    """A folder made by `build(folder)` once for the whole run. With pytest-xdist, the first worker to ask
    makes it while the others wait, then all read it: each worker building its own copy of the same site
    cost one build per worker. What is built this way is read, never changed."""
    slow_step(f"la construction « {name} »")
    root = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        root = root.parent  # the run's folder, shared by its workers
    folder, done = root / name, root / f"{name}.fait"
    with (root / f"{name}.verrou").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not done.exists():
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir()
            build(folder)
            done.touch()
    return folder


@pytest.fixture(autouse=True)
def fresh_markup_cache():
    """Each test parses its texts itself: a text parsed by an earlier test, kept in textmarkup's cache, would hide
    from this one what the parser does (and a fault planted in it by mutation testing, from every test)."""
    from jalons.content import textmarkup
    from jalons.site import typography

    textmarkup._inline_tokens.cache_clear()
    typography._french_heading.cache_clear()


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The repository's own site, built once with `mkdocs build --strict`."""
    def build(site_dir: Path) -> None:
        result = mkdocs_build(ROOT, site_dir)
        assert result.returncode == 0, result.stderr
        site_dir.with_name("site-build.log").write_text(result.stderr, encoding="utf-8")

    return built_once(tmp_path_factory, "site", build)


@pytest.fixture(scope="session")
def built_site_log(built_site) -> str:
    """What `mkdocs build --strict` printed while building `built_site`."""
    return built_site.with_name("site-build.log").read_text(encoding="utf-8")


# A licence as the RRECQ would set it (the repository's own content has none: it is their choice).
LICENCE = {"spdx": "CC-BY-4.0", "nom": "Creative Commons Attribution 4.0 International",
           "url": "https://creativecommons.org/licenses/by/4.0/deed.fr"}


def add_licence(content_dir: Path) -> None:
    roadmap = content_dir / "feuille-de-route.yml"
    with roadmap.open("a", encoding="utf-8") as file:
        file.write("licence:\n" + "".join(f"  {key}: {value}\n" for key, value in LICENCE.items()))


@pytest.fixture(scope="session")
def graph_site(tmp_path_factory) -> Path:
    """The site with fiche 22 and the fixture fiche 23 (which cites 22 and mentions 41), a licence, and two
    fixture assessment campaigns (22 assessed twice, rising; 23 once; 41, without a fiche, once)."""
    def build(folder: Path) -> None:
        project = copy_project(folder / "projet")
        shutil.copy(FIXTURES / "graphe" / "23-fiche-d-essai.yml", project / "content" / "jalons")
        shutil.copytree(FIXTURES / "evaluations", project / "content" / "evaluations")
        add_licence(project / "content")
        result = mkdocs_build(project)
        assert result.returncode == 0, result.stderr

    return built_once(tmp_path_factory, "graphe", build) / "projet" / "site"


@pytest.fixture(scope="session")
def graph_site_url(graph_site) -> str:
    with served(graph_site) as url:
        yield url


def pytest_addoption(parser):
    parser.addoption("--update-golden", action="store_true", help="rewrite the golden files from the current output")


@pytest.fixture(scope="session")
def site_url(built_site) -> str:
    with served(built_site) as url:
        yield url


def missing_tool(problem: str) -> None:
    """A test tool that is not installed: a skip on a workstation, a failure in CI (CI=true)."""
    if os.environ.get("CI") == "true":
        pytest.fail(problem)
    pytest.skip(problem)


def installed_command(name: str, extra: str) -> str:
    """The path of a command that an extra of the project installs (zensical, properdocs, frictionless…),
    beside this Python's or on the PATH; missing, it follows the browser rule (`missing_tool`)."""
    command = shutil.which(name) or str(Path(sys.executable).with_name(name))
    if not Path(command).exists():
        missing_tool(f"{name} introuvable : installez l'extra « {extra} » du projet "
                     f"(uv sync --all-extras, ou python -m pip install -e '.[{extra}]')")
    return command


def needs(path: Path, install: str) -> None:
    """The npm test tools (axe-core, HTML_CodeSniffer, vnu-jar…), installed from package-lock.json on
    first use."""
    if not path.exists() and shutil.which("npm"):
        # One install for all the xdist workers: `npm ci` first empties node_modules/, so a second one run
        # beside it made the first worker's tools vanish (seen on a fresh clone). The others wait, then look.
        lock = Path(tempfile.gettempdir()) / f"jalons-npm-ci-{hashlib.sha256(str(ROOT).encode()).hexdigest()[:12]}.verrou"
        with lock.open("w") as held:
            fcntl.flock(held, fcntl.LOCK_EX)
            if not path.exists():
                subprocess.run(["npm", "ci", "--no-audit", "--no-fund", "--ignore-scripts", "--silent"], cwd=ROOT,
                               capture_output=True, timeout=600)
    if not path.exists():
        missing_tool(f"{path.relative_to(ROOT)} introuvable : {install}")


@pytest.fixture(scope="session")
def playwright():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as exc:  # pragma: no cover - depends on the machine
        missing_tool(f"playwright n'est pas installé ({exc})")
    with sync_playwright() as instance:
        yield instance


@contextlib.contextmanager
def launched(playwright, executable: Path, package: str):
    """A Debian build of Chromium driven by Playwright. Under CI=true a missing browser fails, never skips."""
    slow_step("un navigateur")
    if not executable.exists():
        missing_tool(f"{executable} introuvable : apt-get install {package}")
    instance = playwright.chromium.launch(executable_path=str(executable), args=CHROMIUM_ARGS)
    try:
        yield instance
    finally:
        instance.close()


@pytest.fixture(scope="session")
def browser(playwright):
    """The browser the tests drive: Debian's headless shell of Chromium (see site_tour.HEADLESS_SHELL)."""
    with launched(playwright, HEADLESS_SHELL, "chromium-headless-shell") as instance:
        yield instance


@pytest.fixture(scope="session")
def chromium(playwright):
    """Debian's Chromium as readers run it, for the check that the headless shell stands in for it."""
    with launched(playwright, CHROMIUM, "chromium") as instance:
        yield instance


def open_tab(browser, base_url: str):
    """A fresh browser tab on `base_url` that records every request and console error."""
    context = browser.new_context(base_url=base_url, locale="fr-CA")
    tab = context.new_page()
    tab.requests = []
    tab.console_errors = []
    tab.on("request", lambda request: tab.requests.append(request.url))
    tab.console_error_sources = []
    tab.on("console", lambda message: message.type == "error" and (
        tab.console_errors.append(message.text), tab.console_error_sources.append(message.location.get("url", ""))))
    tab.on("pageerror", lambda error: (tab.console_errors.append(str(error)), tab.console_error_sources.append("")))
    return tab


@contextlib.contextmanager
def tab_at(browser, base_url: str, path: str = "", width: int = 1280):
    """A fresh tab (see `open_tab`) at `width` pixels on `path`, closed afterwards whatever happens."""
    tab = open_tab(browser, base_url)
    try:
        tab.set_viewport_size({"width": width, "height": 900})
        tab.response = tab.goto(path)
        yield tab
    finally:
        tab.context.close()


@pytest.fixture(scope="session")
def tour(browser, site_url):
    """Each page type of the built site, visited once per width for all the checks that read it (tour.py)."""
    from tour import Tour

    return Tour(browser, site_url)


@pytest.fixture
def page(browser, site_url):
    tab = open_tab(browser, site_url)
    yield tab
    tab.context.close()
