"""The `jalons` command: work on the content without building the site."""

from __future__ import annotations

from pathlib import Path

import click

from .errors import ContentErrors, display_path
from .loading import load_corpus


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="fiches-jalons")
def main() -> None:
    """Fiches jalons : outils pour le contenu de la feuille de route."""


@main.command()
@click.argument("content_dir", default="content", type=click.Path(path_type=Path))
def check(content_dir: Path) -> None:
    """Vérifie tout le contenu (fiches, ressources, feuille de route) et signale chaque erreur."""
    if not content_dir.is_dir():
        click.echo(f"Erreur : dossier de contenu introuvable : {display_path(content_dir)}", err=True)
        raise SystemExit(1)
    try:
        corpus = load_corpus(content_dir)
    except ContentErrors as exc:
        click.echo(exc.report(), err=True)
        raise SystemExit(1) from None
    fiches, ressources = len(corpus.jalons), len(corpus.ressources)
    click.echo(f"Contenu valide ({display_path(content_dir)}) : {fiches} fiche{'s' if fiches > 1 else ''} "
               f"sur {corpus.feuille_de_route.nombre_jalons} jalons, {ressources} ressource"
               f"{'s' if ressources > 1 else ''}.")
