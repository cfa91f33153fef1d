"""Where a build's time goes: `mkdocs build` run in this process, with the wall time of its main parts summed
(MkDocs' steps, the search plugin's and this plugin's events, the templates). A measure, not a test; run it in
a project that `scripts/bench.py --real --workdir …` made.

    cd /tmp/benchreal/reel-500 && python /path/to/scripts/build_phases.py
"""

from __future__ import annotations

import collections
import os
import time

os.environ.update({"NO_MKDOCS_2_WARNING": "1", "JALONS_PDF": "false", "SOURCE_DATE_EPOCH": "1767225600"})

import jinja2  # noqa: E402
import mkdocs.commands.build as mkdocs_build  # noqa: E402
import mkdocs.utils as mkdocs_utils  # noqa: E402
from material.plugins.search import plugin as search  # noqa: E402
from mkdocs.__main__ import cli  # noqa: E402

import jalons.plugin as plugin  # noqa: E402
import jalons.site.build as site_build  # noqa: E402

spent: collections.Counter = collections.Counter()


def timed(owner, name: str, label: str) -> None:
    function = getattr(owner, name)

    def wrapper(*args, **kwargs):
        start = time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            spent[label] += time.perf_counter() - start
    setattr(owner, name, wrapper)


PARTS = [
    (mkdocs_build, "_populate_page", "MkDocs : _populate_page (Markdown, on_page_content)"),
    (mkdocs_build, "_build_page", "MkDocs : _build_page (événements, thème, écriture)"),
    (mkdocs_utils, "write_file", "MkDocs : écriture des pages"),
    (search.SearchPlugin, "on_page_context", "recherche de Material : lecture des pages"),
    (plugin.JalonsPlugin, "on_files", "jalons : on_files"),
    (plugin, "build_site", "jalons : build_site"),
    (site_build, "load_corpus", "jalons : lecture et validation du contenu"),
    (site_build, "run_all", "jalons : travaux en plusieurs processus (fiches lues, pages et données rendues)"),
    (plugin.JalonsPlugin, "on_page_context", "jalons : on_page_context (typographie)"),
    (plugin.JalonsPlugin, "on_post_page", "jalons : on_post_page (balisage, demandes des pages de version)"),
    (plugin.JalonsPlugin, "_write_version_page", "jalons : pages de version tirées des fiches"),
    (plugin.JalonsPlugin, "on_post_build", "jalons : attente des fichiers écrits en arrière-plan"),
]

_render = jinja2.Template.render


def template_label(name: str | None) -> str:
    if name == "main.html":
        return "gabarit du thème"
    return "gabarit des pages générées" if str(name).startswith("pages/") else f"gabarit {name}"


def render(self, *args, **kwargs):
    start = time.perf_counter()
    try:
        return _render(self, *args, **kwargs)
    finally:
        spent[template_label(self.name)] += time.perf_counter() - start


def main() -> None:
    for owner, name, label in PARTS:
        timed(owner, name, label)
    jinja2.Template.render = render
    start = time.perf_counter()
    try:
        cli(["build", "-q"], standalone_mode=False)
    finally:
        print(f"{time.perf_counter() - start:7.2f} s  en tout")
        for label, seconds in spent.most_common():
            print(f"{seconds:7.2f} s  {label}")


if __name__ == "__main__":
    main()
