"""The site builds the same with the engines that can run the `jalons` plugin.

Material for MkDocs reaches its end of life on 2027-05-05 and MkDocs 2.0 drops plugins. ProperDocs, a
continuation of MkDocs 1.x, runs the plugin unchanged: its build must equal MkDocs' but for the
generator tag, so that the RRECQ can switch engines with nothing else to change.
"""

from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path

from conftest import ROOT, missing_tool, run

GENERATOR = re.compile(rb'<meta name="generator" content="[^"]*">')


def files_of(site: Path) -> dict[str, bytes]:
    return {path.relative_to(site).as_posix(): GENERATOR.sub(b"", path.read_bytes())
            for path in sorted(site.rglob("*")) if path.is_file()}


def test_properdocs_builds_the_same_site_as_mkdocs(built_site, tmp_path):
    properdocs = shutil.which("properdocs") or str(Path(sys.executable).with_name("properdocs"))
    if not Path(properdocs).exists():
        missing_tool("properdocs introuvable : python -m pip install -e '.[properdocs]'")
    site = tmp_path / "site"
    result = run([properdocs, "build", "--strict", "--site-dir", str(site)], cwd=ROOT)
    assert result.returncode == 0, result.stderr
    assert b"ProperDocs" in (site / "jalons/22/index.html").read_bytes()  # the other engine did build it
    expected, built = files_of(built_site), files_of(site)
    assert sorted(built) == sorted(expected)
    assert [name for name in expected if built[name] != expected[name]] == []
    assert run([sys.executable, "-m", "jalons", "verify", str(site)], cwd=ROOT).returncode == 0
