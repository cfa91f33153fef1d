"""Quality gates of a public site, on the real built site: accessibility by two engines (axe-core, and
HTML_CodeSniffer, as pa11y runs it) at desktop and phone widths, keyboard use, valid HTML (Nu HTML Checker),
no dead link (LinkChecker), and Lighthouse's accessibility, best practices and SEO audits."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import CHROMIUM, CHROMIUM_ARGS, ROOT, installed_command, missing_tool, needs, open_tab
from site_tour import WIDTHS
from tour import VISITED_PAGES, axe_violations, htmlcs_errors

pytestmark = pytest.mark.lent  # accessibility engines, the Nu checker, LinkChecker, Lighthouse

VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
LIGHTHOUSE = ROOT / "node_modules" / "lighthouse" / "package.json"
LIGHTHOUSE_RUNNER = ROOT / "tests" / "tools" / "lighthouse-pages.mjs"


# The tests that read a page as loaded share one visit of it per width (tour.py).
@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
@pytest.mark.parametrize("path", VISITED_PAGES)
def test_axe_finds_no_violation(tour, path, width):
    assert tour(path)[width]["axe"] == []


@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
@pytest.mark.parametrize("path", VISITED_PAGES)
def test_html_codesniffer_finds_no_error(tour, path, width):
    assert tour(path)[width]["htmlcs"] == []


@pytest.mark.parametrize("path", VISITED_PAGES)
def test_every_control_is_reachable_by_keyboard_with_visible_focus(tour, path):
    walk = tour(path)[1280]["keyboard"]
    assert len(walk["expected"]) > 10
    assert [index for index in walk["expected"] if str(index) not in map(str, walk["reached"])] == []
    assert walk["invisible"] == []


LIGHTHOUSE_PAGES = {"accueil": "", "index": "jalons/", "fiche": "jalons/22/"}


@pytest.fixture(scope="module")
def lighthouse_results(site_url) -> dict[str, dict]:
    """Lighthouse's accessibility, best-practices and SEO results on LIGHTHOUSE_PAGES, in mobile mode (its
    default), one Chromium for all the pages: {url: {"scores", "failed"}}."""
    needs(LIGHTHOUSE, "npm ci")
    request = {"urls": [site_url + path for path in LIGHTHOUSE_PAGES.values()],
               "categories": ["accessibility", "best-practices", "seo"]}
    result = subprocess.run(["node", str(LIGHTHOUSE_RUNNER)], input=json.dumps(request), capture_output=True,
                            text=True, timeout=600, cwd=ROOT,
                            env={**os.environ, "CHROME_PATH": str(CHROMIUM), "CHROMIUM_ARGS": json.dumps(CHROMIUM_ARGS)})
    assert result.returncode == 0, result.stderr[-3000:]
    return {page["url"]: page for page in json.loads(result.stdout)}


@pytest.mark.xdist_group("lighthouse")  # one run for the three pages (the module's fixture), on one worker
@pytest.mark.parametrize("path", LIGHTHOUSE_PAGES.values(), ids=LIGHTHOUSE_PAGES.keys())
def test_lighthouse_accessibility_best_practices_and_seo_are_full(lighthouse_results, site_url, path):
    """Performance is measured by scripts/bench.py (BENCHMARKS.md), not tested: it depends on the machine."""
    result = lighthouse_results[site_url + path]
    assert result["scores"] == {"accessibility": 1, "best-practices": 1, "seo": 1}, result["failed"]


def vnu(target: Path) -> subprocess.CompletedProcess:
    needs(VNU, "npm ci")
    if shutil.which("java") is None:
        missing_tool("java introuvable : apt-get install default-jre-headless")
    return subprocess.run(["java", "-jar", str(VNU), "--errors-only", "--skip-non-html", "--format", "gnu",
                           str(target)], capture_output=True, text=True, timeout=600)


def test_html_is_valid(built_site):
    result = vnu(built_site)
    assert result.returncode == 0, result.stderr
    assert result.stderr.strip() == ""


def test_the_checkers_do_find_faults(browser, tmp_path):
    """The gates above can fail: each tool reports a page made faulty on purpose."""
    faulty = tmp_path / "site"
    faulty.mkdir()
    (faulty / "index.html").write_text(
        '<!DOCTYPE html><html lang="fr"><head><title>x</title></head><body><main>'
        '<input type="text"><a href="absente.html">lien</a><a href="#nulle-part">ancre</a>'
        '<p><span autocomplete="off">x</span></p></main></body></html>', encoding="utf-8")
    result = vnu(faulty)
    assert result.returncode != 0 and "autocomplete" in result.stderr
    from conftest import served

    with served(faulty) as url:
        tab = open_tab(browser, url)
        tab.goto("")
        rules = [violation["rule"] for violation in axe_violations(tab)]
        codes = [error["code"] for error in htmlcs_errors(tab)]
        tab.context.close()
        assert "label" in rules
        assert any("F68" in code for code in codes)  # the input without a label
        assert linkchecker(url, tmp_path)[0] != 0


LINKCHECKER_CONFIG = """\
[checking]
threads=4
# Above 10, LinkChecker requires the server's consent: the test server sends its header.
maxrequestspersecond=100
[filtering]
# Internal links and anchors only: the network beyond this machine is not reached.
checkextern=0
ignore=
  ^mailto:
[AnchorCheck]
"""


def linkchecker(url: str, folder: Path) -> tuple[int, str]:
    command = installed_command("linkchecker", "test")
    config = folder / "linkcheckerrc"
    config.write_text(LINKCHECKER_CONFIG, encoding="utf-8")
    config.chmod(0o644)
    folder.chmod(0o755)  # run as root, LinkChecker drops privileges to nobody, who must read its config
    result = subprocess.run([command, "--config", str(config), "--no-status", url],
                            capture_output=True, text=True, timeout=600)
    return result.returncode, result.stdout


def test_no_dead_link_or_anchor(site_url, tmp_path):
    returncode, output = linkchecker(site_url, tmp_path)
    summary = [line for line in output.splitlines() if "links in" in line]
    assert returncode == 0, output[-3000:]
    assert summary and " 0 warnings found. 0 errors found." in summary[0], output[-3000:]
    checked = int(summary[0].split("links in")[1].split()[0])  # « That's it. 123 links in 123 URLs checked. »
    assert checked > 80
