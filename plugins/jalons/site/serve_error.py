"""What `mkdocs serve` shows while the content has errors: the French report, in the browser, at every address,
instead of a request that hangs until the YAML is fixed (MkDocs' « The server will appear stuck »)."""

from __future__ import annotations

from jinja2 import Environment, PackageLoader

from ..content.model import LANGUE
from .typography import french_html


def content_error_page(report: str, site_name: str) -> str:
    env = Environment(loader=PackageLoader("jalons", "templates"), autoescape=True)  # the report quotes content
    page = env.get_template("serve/erreurs-de-contenu.html.j2").render(report=report, site_name=site_name, langue=LANGUE)
    return french_html(page)  # the report itself, in <pre>, stays as `jalons check` prints it
