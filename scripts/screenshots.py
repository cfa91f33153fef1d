#!/usr/bin/env python3
"""Full-page screenshots of one page of each type at phone and desktop widths, for review.

    python scripts/screenshots.py                    # builds the site, writes screenshots/
    python scripts/screenshots.py --site site --output /tmp/captures

Each file is named `<page type>-<width>.png` (for example `fiche-390.png`). The pull-request workflow
uploads the folder, so that a reviewer sees what a change does to every page.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from site_tour import CHROMIUM, CHROMIUM_ARGS, PAGE_TYPES, ROOT, WIDTHS, served


def capture(site: Path, output: Path, pages: dict[str, str] = PAGE_TYPES, browser=None) -> list[Path]:
    """Screenshots of `pages` of the built `site` into `output`, in `browser` (Playwright's) or Debian's
    Chromium started for the purpose."""
    if browser is None:
        from playwright.sync_api import sync_playwright

        with sync_playwright() as playwright:
            chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            try:
                return capture(site, output, pages, chromium)
            finally:
                chromium.close()
    output.mkdir(parents=True, exist_ok=True)
    written = []
    with served(site) as base_url:
        for width in WIDTHS.values():
            context = browser.new_context(base_url=base_url, locale="fr-CA",
                                          viewport={"width": width, "height": 900})
            tab = context.new_page()
            for name, path in pages.items():
                tab.goto(path, wait_until="networkidle")
                file = output / f"{name}-{width}.png"
                tab.screenshot(path=str(file), full_page=True)
                written.append(file)
            context.close()
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, help="un site déjà construit (sinon : mkdocs build dans un dossier temporaire)")
    parser.add_argument("--output", type=Path, default=ROOT / "screenshots", help="dossier des captures")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        site = options.site
        if site is None:
            site = Path(scratch) / "site"
            build = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
                                   cwd=ROOT, env={**os.environ, "JALONS_PDF": "false", "NO_MKDOCS_2_WARNING": "1"})
            if build.returncode:
                sys.exit(build.returncode)
        for file in capture(site, options.output):
            print(file)


if __name__ == "__main__":
    main()
