"""The front matter of the hand-written pages (`content/pages/*.md`), checked like content: a value of the
wrong kind or an unknown key is a French FILE:LINE:COLUMN error, never a traceback deep in the theme
(`hide: 3`) nor a Python list shown as a title (`title: [un, deux]`)."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field

from .errors import ContentError
from .model import TexteSimple, _Strict
from .validation import validate
from .yamlsource import YamlReadError, parse_yaml

# What Material for MkDocs reads in a page's front matter, of the kinds it expects.
Cache = Literal["navigation", "toc", "footer", "path", "tags", "feedback"]


class Exclusion(_Strict):
    exclude: bool = Field(description="true : la page n'est pas dans la recherche, ou le plan du site.")


class Recherche(Exclusion):
    exclude: bool = Field(False, description="true : la page n'est pas dans la recherche.")
    boost: float | None = Field(None, description="Poids de la page dans la recherche.")


class EnTete(_Strict):
    """L'en-tête d'une page écrite à la main (entre les deux lignes « --- »)."""

    title: TexteSimple | None = Field(None, description="Titre de la page (onglet, partage).")
    description: TexteSimple | None = Field(None, description="Description (moteurs de recherche, partage).")
    search: Recherche | None = Field(None, description="Recherche : exclude, boost.")
    sitemap: Exclusion | None = Field(None, description="Plan du site : exclude.")
    hide: list[Cache] = Field(default_factory=list, description="Parties masquées : navigation, toc, footer…")
    template: str | None = Field(None, description="Gabarit du thème, par exemple main.html.")
    icon: str | None = Field(None, description="Icône de Material.")
    subtitle: TexteSimple | None = Field(None, description="Sous-titre dans la navigation.")


def _front_matter(text: str) -> str | None:
    """The front matter's lines, with an empty first line in place of « --- » so that positions are the
    file's own; None without front matter."""
    lines = text.splitlines()
    if not lines or lines[0].rstrip() != "---":
        return None
    for end, line in enumerate(lines[1:], start=1):
        if line.rstrip() in ("---", "..."):
            return "\n".join(["", *lines[1:end]]) + "\n"
    return None


def check_front_matter(pages_dir: Path, templates: set[str] | None = None) -> list[ContentError]:
    """Every error in the front matter of the hand-written pages; `templates`: the theme's templates, when
    known (the build knows them, `jalons check` does not)."""
    errors: list[ContentError] = []
    for path in sorted(pages_dir.rglob("*.md")) if pages_dir.is_dir() else []:
        hidden = any(part.startswith(".") for part in path.relative_to(pages_dir).parts)  # as MkDocs leaves out
        if path.is_symlink() or not path.is_file() or hidden:
            continue
        try:
            block = _front_matter(path.read_text(encoding="utf-8-sig"))
        except (OSError, UnicodeDecodeError):
            continue  # MkDocs itself reports a page it cannot read
        if block is None or not block.strip():
            continue
        try:
            doc = parse_yaml(path, block)
        except YamlReadError as exc:
            errors += exc.errors
            continue
        en_tete, found = validate(doc, EnTete)
        errors += found
        if en_tete is not None and en_tete.template and templates is not None and en_tete.template not in templates:
            errors.append(doc.error(("template",), f"gabarit « {en_tete.template} » inconnu du thème : l'un de "
                                                   f"{', '.join(sorted(templates))} attendu"))
    return errors
