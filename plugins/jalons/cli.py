"""The `jalons` command: work on the content without building the site."""

from __future__ import annotations

from pathlib import Path

import click

from .applying import apply
from .errors import ContentErrors, display_path
from .loading import load_corpus
from .schema import SCHEMAS, json_schema_text
from .scaffold import new_fiche
from .suggestion import SuggestionError, message_text, parse

CONTENT = click.Path(path_type=Path)


def fail(message: str) -> None:
    click.echo(f"Erreur : {message}", err=True)
    raise SystemExit(1)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="fiches-jalons")
def main() -> None:
    """Fiches jalons : outils pour le contenu de la feuille de route."""


@main.command()
@click.argument("content_dir", default="content", type=CONTENT)
def check(content_dir: Path) -> None:
    """Vérifie tout le contenu (fiches, ressources, feuille de route) et signale chaque erreur."""
    if not content_dir.is_dir():
        fail(f"dossier de contenu introuvable : {display_path(content_dir)}")
    try:
        corpus = load_corpus(content_dir)
    except ContentErrors as exc:
        click.echo(exc.report(), err=True)
        raise SystemExit(1) from None
    fiches, ressources = len(corpus.jalons), len(corpus.ressources)
    click.echo(f"Contenu valide ({display_path(content_dir)}) : {fiches} fiche{'s' if fiches > 1 else ''} "
               f"sur {corpus.feuille_de_route.nombre_jalons} jalons, {ressources} ressource"
               f"{'s' if ressources > 1 else ''}.")


@main.command()
@click.argument("numero", type=click.IntRange(1, 999))
@click.argument("titre")
@click.option("--content", "content_dir", default="content", type=CONTENT, show_default=True,
              help="Dossier du contenu.")
def new(numero: int, titre: str, content_dir: Path) -> None:
    """Crée la fiche du jalon NUMERO, avec chaque section à remplir."""
    try:
        path = new_fiche(content_dir, numero, titre)
    except FileExistsError as exc:
        fail(str(exc))
    click.echo(f"Fiche créée : {display_path(path)}. Remplissez-la, puis vérifiez-la avec : jalons check")


@main.group()
def suggestion() -> None:
    """Propositions reçues par le formulaire de contribution."""


@suggestion.command("apply")
@click.argument("message", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--content", "content_dir", default="content", type=CONTENT, show_default=True,
              help="Dossier du contenu.")
def suggestion_apply(message: Path, content_dir: Path) -> None:
    """Applique la suggestion d'un courriel (.eml, ou son texte) au fichier YAML de la fiche."""
    try:
        changes, warnings = apply(parse(message_text(message)), content_dir)
    except SuggestionError as exc:
        fail(str(exc))
    except ContentErrors as exc:
        click.echo(exc.report(), err=True)
        fail("la suggestion rendrait le contenu invalide ; aucun fichier n'a été modifié")
    for warning in warnings:
        click.echo(f"Attention : {warning}", err=True)
    for change in changes:
        click.echo(change.diff(), nl=False)
    click.echo(f"Suggestion appliquée ({len(changes)} fichier{'s' if len(changes) > 1 else ''}) ; "
               "le contenu reste valide. Relisez le diff ci-dessus avant de le publier.")


@main.command()
@click.argument("destination", default="schemas", type=click.Path(file_okay=False, path_type=Path))
def schema(destination: Path) -> None:
    """Écrit les schémas JSON des fichiers de contenu (pour les éditeurs de texte)."""
    destination.mkdir(parents=True, exist_ok=True)
    for name in SCHEMAS:
        (destination / f"{name}.schema.json").write_text(json_schema_text(name), encoding="utf-8")
    click.echo(f"{len(SCHEMAS)} schémas écrits dans {display_path(destination)}.")
