"""Each page type of the built site visited as readers meet it, once per width, with every check that
reads a page as loaded: the two accessibility engines (axe-core and HTML_CodeSniffer), the keyboard
walk, and what the design tests read (shown text, words cut, layout shift, requests and console).

A page load, and above all evaluating axe-core in it (0.3 s a page), cost more than most checks: the
tests of test_quality.py and test_design_browser.py read one shared visit instead of loading the page
again each. They take their page from VISITED_PAGES, where each page type is an xdist group of its own:
the tests that read a page run on the worker that visited it, and the visits are shared out."""

from __future__ import annotations

import pytest
from conftest import ROOT, needs, tab_at
from site_tour import PAGE_TYPES

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
HTMLCS = ROOT / "node_modules" / "html_codesniffer" / "build" / "HTMLCS.js"
PHONE, DESKTOP = 390, 1280
VISITED_PAGES = [pytest.param(path, id=name, marks=pytest.mark.xdist_group(f"visite-{name}"))
                 for name, path in PAGE_TYPES.items()]


def axe_violations(tab) -> list[dict]:
    """What axe-core finds on the page open in `tab`: rule, impact and the elements concerned. Only
    violations are gathered (`resultTypes`): the passes would be built for nothing."""
    needs(AXE, "npm ci")
    tab.add_script_tag(path=str(AXE))
    return tab.evaluate("""async () => (await axe.run(document, {resultTypes: ["violations"]})).violations.map(
        v => ({rule: v.id, impact: v.impact, nodes: v.nodes.map(n => n.target.join(" "))}))""")


def htmlcs_errors(tab) -> list[dict]:
    """HTML_CodeSniffer's errors (WCAG 2 AA standard; warnings and notices are not errors) on the page
    open in `tab`, run as pa11y runs it, without pa11y's own browser."""
    needs(HTMLCS, "npm ci")
    tab.add_script_tag(path=str(HTMLCS))
    return tab.evaluate("""() => new Promise((resolve, reject) => HTMLCS.process("WCAG2AA", document, error => {
      if (error) return reject(error);
      resolve(HTMLCS.getMessages().filter(message => message.type === 1).map(message => ({
        code: message.code, message: message.msg,
        element: message.element && message.element.outerHTML ? message.element.outerHTML.slice(0, 120) : ""})));
    }))""")


# The text a reader sees: every text node outside code, scripts, styles and typed values, in order.
SHOWN_TEXT = """() => {
  const skip = new Set(["SCRIPT", "STYLE", "CODE", "PRE", "KBD", "SAMP", "TEXTAREA", "NOSCRIPT"]);
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT, {acceptNode(node) {
    for (let element = node.parentElement; element; element = element.parentElement) {
      if (skip.has(element.tagName)) return NodeFilter.FILTER_REJECT;
    }
    return NodeFilter.FILTER_ACCEPT;
  }});
  let text = document.title + "\\n";
  while (walker.nextNode()) text += walker.currentNode.data;
  return text;
}"""

# For each table cell and heading: the words that the browser laid out on more than one line.
BROKEN_WORDS = """() => {
  const broken = [];
  for (const element of document.querySelectorAll("article th, article td, article h1, article h2, article h3")) {
    if (!element.getClientRects().length) continue;
    const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
      const node = walker.currentNode;
      const pattern = /[^\\s\\u00a0\\u202f-]+/g;
      let match;
      while ((match = pattern.exec(node.data))) {
        const range = document.createRange();
        range.setStart(node, match.index);
        range.setEnd(node, match.index + match[0].length);
        const tops = new Set(Array.from(range.getClientRects()).filter(r => r.width > 0).map(r => Math.round(r.top)));
        if (tops.size > 1) broken.push(element.tagName + ": " + match[0]);
      }
    }
  }
  return broken;
}"""

# Counted from the moment the HTML is parsed (domInteractive): before it, a starved CPU may paint a partly
# parsed page, whose footer then grows as its last lines arrive (seen once in about fifteen runs, under
# load). What the check is about, a part that a script adds to a shown page, comes after.
LAYOUT_SHIFT = """() => {
  const parsed = performance.getEntriesByType("navigation")[0].domInteractive;
  const observer = new PerformanceObserver(() => {});
  observer.observe({type: "layout-shift", buffered: true});  // the shifts already recorded, at once
  const shifts = observer.takeRecords();
  observer.disconnect();
  return shifts.filter(e => !e.hadRecentInput && e.startTime >= parsed).reduce((sum, e) => sum + e.value, 0);
}"""

# Once the window's size has changed: the end of the transitions it started (Material's search box slides
# into its desktop place for 250 ms; measured during it, the page looks wider than the screen).
TRANSITIONS_ENDED = """() => Promise.all(document.getAnimations()
  .filter(animation => animation.effect && animation.effect.getComputedTiming().endTime !== Infinity)
  .map(animation => animation.finished.catch(() => null)))"""


def resize(tab, width: int) -> None:
    tab.set_viewport_size({"width": width, "height": 900})
    tab.evaluate(TRANSITIONS_ENDED)


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


def keyboard_walk(tab) -> dict:
    """The controls one reaches with Tab from the top of the page, until the focus comes back to the
    start: {"expected": the visible controls, "reached": in order, "invisible": those focused without a
    visible focus}."""
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
    return {"expected": expected, "reached": reached, "invisible": invisible}


def on_a_phone(browser, site_url: str, path: str) -> dict:
    """The page loaded on a phone (what it requested, its console errors, its layout shift once
    everything has loaded, both engines), then widened to 1280 px and narrowed to 390 and 320 as when a
    window is resized: the text, title and header shown, and the words cut at each width once the
    transitions that the new size started have ended."""
    with tab_at(browser, site_url, path, PHONE) as tab:
        tab.wait_for_load_state("networkidle")
        shift = tab.evaluate(LAYOUT_SHIFT)
        loaded = {"status": tab.response.status, "url": tab.response.url, "requests": list(tab.requests),
                  "errors": list(zip(tab.console_errors, tab.console_error_sources))}
        found = {"shift": shift, "loaded": loaded, "axe": axe_violations(tab), "htmlcs": htmlcs_errors(tab)}
        resize(tab, DESKTOP)
        found |= {"text": tab.evaluate(SHOWN_TEXT), "title": tab.title(),
                  "forge_in_header": tab.locator(".md-header a[href*='github.com']:visible").count(),
                  "pencils": tab.locator("a[rel=edit]").count(),
                  "forge_links": tab.locator("a[href*='github.com/rrecq']").count(), "widths": {}}
        for width in (DESKTOP, PHONE, 320):
            resize(tab, width)
            found["widths"][width] = (tab.evaluate(BROKEN_WORDS), tab.evaluate("() => document.documentElement.scrollWidth"))
    return found


def on_a_desktop(browser, site_url: str, path: str) -> dict:
    """The page loaded at 1280 px: both engines, then the keyboard walk (last, since it moves the focus)."""
    with tab_at(browser, site_url, path, DESKTOP) as tab:
        return {"axe": axe_violations(tab), "htmlcs": htmlcs_errors(tab), "keyboard": keyboard_walk(tab)}


class Tour:
    """`tour(path)[width]`: what was found on the page at `path`, loaded at that width (390 or 1280). A
    page is visited the first time a test asks for it."""

    def __init__(self, browser, site_url: str):
        self.browser, self.site_url, self.visits = browser, site_url, {}

    def __call__(self, path: str) -> dict[int, dict]:
        if path not in self.visits:
            self.visits[path] = {PHONE: on_a_phone(self.browser, self.site_url, path),
                                 DESKTOP: on_a_desktop(self.browser, self.site_url, path)}
        return self.visits[path]
