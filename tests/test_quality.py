"""Quality gates of a public site, on the real built site: accessibility by two engines (axe-core, and
HTML_CodeSniffer through pa11y) at desktop and phone widths, keyboard use, valid HTML (Nu HTML Checker),
no dead link (LinkChecker), and Lighthouse's accessibility, best practices and SEO audits."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import CHROMIUM, CHROMIUM_ARGS, ROOT, missing_tool, open_tab, tab_at
from site_tour import PAGE_TYPES, WIDTHS

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
PA11Y = ROOT / "node_modules" / "pa11y" / "package.json"
PA11Y_PAGES = ROOT / "tests" / "tools" / "pa11y-pages.js"
LIGHTHOUSE = ROOT / "node_modules" / "lighthouse" / "package.json"
LIGHTHOUSE_RUNNER = ROOT / "tests" / "tools" / "lighthouse-pages.mjs"


def needs(path: Path, install: str) -> None:
    """The npm test tools (axe-core, vnu-jar), installed from package-lock.json on first use."""
    if not path.exists() and shutil.which("npm"):
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund", "--ignore-scripts", "--silent"], cwd=ROOT,
                       capture_output=True, timeout=600)
    if not path.exists():
        missing_tool(f"{path.relative_to(ROOT)} introuvable : {install}")


def axe_violations(tab) -> list[dict]:
    """What axe-core finds on the page open in `tab`: rule, impact and the elements concerned."""
    needs(AXE, "npm ci")
    tab.add_script_tag(path=str(AXE))
    return tab.evaluate("""async () => (await axe.run(document)).violations.map(v => ({
        rule: v.id, impact: v.impact, nodes: v.nodes.map(n => n.target.join(" "))}))""")


@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
@pytest.mark.parametrize("path", PAGE_TYPES.values(), ids=PAGE_TYPES.keys())
def test_axe_finds_no_violation(browser, site_url, path, width):
    with tab_at(browser, site_url, path, width) as tab:
        assert axe_violations(tab) == []


# Every control a person can see, each marked with a number to recognise it when it has the focus.
FOCUSABLE = """() => Array.from(document.querySelectorAll(
    'a[href], button, input, select, textarea, [tabindex]:not([tabindex="-1"])'))
  .filter(el => !el.disabled && el.tabIndex >= 0 && el.checkVisibility({visibilityProperty: true})
                && el.getClientRects().length > 0)
  .map((el, index) => { el.dataset.controle = index; return index; })"""

FOCUSED = """() => {
  const el = document.activeElement;
  const style = getComputedStyle(el);
  const visible = (style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0) || style.boxShadow !== "none";
  return {id: el === document.body ? null : (el.dataset.controle ?? el.outerHTML.slice(0, 80)),
          html: el.outerHTML.slice(0, 100), visible};
}"""


@pytest.mark.parametrize("path", PAGE_TYPES.values(), ids=PAGE_TYPES.keys())
def test_every_control_is_reachable_by_keyboard_with_visible_focus(browser, site_url, path):
    tab = open_tab(browser, site_url)
    try:
        tab.set_viewport_size({"width": 1280, "height": 900})
        tab.goto(path)
        expected = tab.evaluate(FOCUSABLE)
        reached, invisible = [], []
        for _ in range(len(expected) + 10):
            tab.keyboard.press("Tab")
            focused = tab.evaluate(FOCUSED)
            if focused["id"] is None or (reached and focused["id"] == reached[0]):
                break  # back to the start: the whole page was walked through
            reached.append(focused["id"])
            if not focused["visible"]:
                invisible.append(focused["html"])
        assert len(expected) > 10
        assert [index for index in expected if str(index) not in map(str, reached)] == []
        assert invisible == []
    finally:
        tab.context.close()


def pa11y(pages: list[dict]) -> list[dict]:
    """HTML_CodeSniffer's errors (WCAG 2 AA) on each of `pages` ({"url", "width"}), one browser for all."""
    needs(PA11Y, "npm ci")
    result = subprocess.run(["node", str(PA11Y_PAGES)], input=json.dumps(pages), capture_output=True, text=True,
                            timeout=900, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


@pytest.fixture(scope="module")
def htmlcs_errors(site_url) -> dict[tuple[str, int], list[dict]]:
    pages = [{"url": site_url + path, "width": width} for path in PAGE_TYPES.values() for width in WIDTHS.values()]
    return {(result["url"], result["width"]): result["errors"] for result in pa11y(pages)}


@pytest.mark.xdist_group("pa11y")  # one run of pa11y for all pages (the module's fixture), on one worker
@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
@pytest.mark.parametrize("path", PAGE_TYPES.values(), ids=PAGE_TYPES.keys())
def test_html_codesniffer_finds_no_error(htmlcs_errors, site_url, path, width):
    assert htmlcs_errors[(site_url + path, width)] == []


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
        tab.add_script_tag(path=str(AXE))
        rules = tab.evaluate("async () => (await axe.run(document)).violations.map(v => v.id)")
        tab.context.close()
        assert "label" in rules
        assert linkchecker(url, tmp_path)[0] != 0
        codes = [error["code"] for error in pa11y([{"url": url, "width": 1280}])[0]["errors"]]
        assert any("F68" in code for code in codes)  # the input without a label


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
    command = shutil.which("linkchecker") or str(Path(sys.executable).with_name("linkchecker"))
    if not Path(command).exists():
        missing_tool("linkchecker introuvable : python -m pip install -e '.[test]'")
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
