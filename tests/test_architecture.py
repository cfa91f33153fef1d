"""The package's layout is its architecture: content/ (what a fiche is) is used by site/ (what readers get)
and editing/ (what contributors run), never the reverse; the door (plugin, cli, export) uses them all."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).parents[1] / "plugins" / "jalons"
# What each group may import from the package, besides itself.
ALLOWED = {"content": set(), "site": {"content"}, "editing": {"content"}}


def imported_groups(module: Path, group: str) -> set[str]:
    """The package's groups (or door modules) that `module` imports from."""
    found = set()
    for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level == 0:
                parts = (node.module or "").split(".")
                if parts[0] == "jalons" and len(parts) > 1:
                    found.add(parts[1])
            elif node.level == 1:
                continue  # its own group
            else:
                first = (node.module or "").split(".")[0]
                found.add(first or "jalons")
        elif isinstance(node, ast.Import):
            found.update(alias.name.split(".")[1] for alias in node.names if alias.name.startswith("jalons."))
    return found - {group}


@pytest.mark.parametrize("group", sorted(ALLOWED))
def test_imports_go_one_way_toward_content(group):
    wrong = {module.name: sorted(imported_groups(module, group) - ALLOWED[group])
             for module in sorted((PACKAGE / group).glob("*.py"))}
    assert {name: groups for name, groups in wrong.items() if groups} == {}


def test_the_checker_sees_a_wrong_import(tmp_path):
    module = tmp_path / "wrong.py"
    module.write_text("from ..site.urls import jalon\nfrom .model import Jalon\nimport jalons.editing.applying\n")
    assert imported_groups(module, "content") == {"site", "editing"}


def test_no_module_is_left_flat_but_the_door():
    door = {"__init__.py", "__main__.py", "plugin.py", "cli.py", "clickfr.py", "export.py"}
    assert {module.name for module in PACKAGE.glob("*.py")} <= door
