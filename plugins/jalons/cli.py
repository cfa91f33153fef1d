"""The `jalons` command: work on the content without building the site."""

from __future__ import annotations

import re
from pathlib import Path

import click

from . import clickfr

clickfr.install()  # before the commands below are declared: Click names its value types when they are made

from .editing.applying import apply  # noqa: E402
from .content.errors import ContentError, ContentErrors, JalonsError, compte, display_path, french_os_error  # noqa: E402
from .export import export_site  # noqa: E402
from .editing.importing import parse as parse_fiche, plan_import, read_text, write_import  # noqa: E402
from .editing.importliste import parse_liste, plan_liste, read_liste  # noqa: E402
from .content.liste import LISTE_DES_JALONS  # noqa: E402
from .content.loading import ContentInvalidBefore, content_before_edit, load_corpus  # noqa: E402
from .content.completeness import empty_fiches, to_complete  # noqa: E402
from .content.layout import CONTENT_DIR, FEUILLE_DE_ROUTE, project_root  # noqa: E402
from .editing.annotations import annotation, problem_annotation  # noqa: E402
from .content.model import VERSION_PATTERN  # noqa: E402
from .content.schema import SCHEMAS, json_schema_text  # noqa: E402
from .content.lock import content_lock, recover_unless_editing  # noqa: E402
from .editing.campagne import start_campaign  # noqa: E402
from .editing.scaffold import current_month, new_fiche  # noqa: E402
from .content.suggestion import parse_message, read_message  # noqa: E402
from .editing.transaction import write_all  # noqa: E402
from .site.build import build_site  # noqa: E402
from .site.parallel import available_processors  # noqa: E402
from .site.pdf import PDF_CACHE_DIR, SHARE_CACHE_DIR  # noqa: E402
from .site.verify import missing_parts  # noqa: E402

CONTENT = click.Path(path_type=Path)
CONTENT_METAVAR = "DOSSIER"
SUBCOMMAND_METAVAR = "COMMANDE [ARGUMENTS]..."


# The one option every command that reads or writes the content takes. Without it, the project is found
# from the working folder up, as git finds its repository: `jalons new` run in content/jalons/ writes
# content/jalons/NN-….yml, not content/jalons/content/jalons/NN-….yml.
content_option = click.option("--content", "content_dir", default=None, type=CONTENT, metavar=CONTENT_METAVAR,
                              help="Dossier du contenu [par défaut : content/, dans le dossier courant ou le "
                                   "plus proche au-dessus qui en a un].")


def project_folder() -> Path:
    """The project the command is run in (see `project_root`); the working folder when there is none, so
    that what is missing is reported where the person is. Relative when it is the working folder, so that
    paths are said as the person would type them."""
    root = project_root(Path.cwd())
    return Path() if root is None or root == Path.cwd() else root


def content_folder(given: Path | None) -> Path:
    return given if given is not None else project_folder() / CONTENT_DIR


def in_project(given: Path | None, default: str) -> Path:
    """A path the person gave, or `default` in the project folder (site/, mkdocs.yml, schemas/)."""
    return given if given is not None else project_folder() / default


class CommandError(JalonsError):
    """Why a command stops, said in French."""


class EditRefused(JalonsError):
    """An edit that would leave the content invalid: the content's errors, then what they mean."""

    def __init__(self, errors: ContentErrors, what: str):
        super().__init__(what)
        self.errors, self.what = errors, what

    def report(self) -> str:
        if isinstance(self.errors, ContentInvalidBefore):
            meaning = "le contenu est déjà invalide (voir ci-dessus) : corrigez-le d'abord ; aucun fichier n'a été modifié"
        else:
            meaning = f"{self.what} (voir ci-dessus) ; aucun fichier n'a été modifié"
        return f"{self.errors.report()}\nErreur : {meaning}"


def fail(message: str) -> None:
    raise CommandError(message)


def campaign_date(_context, _parameter, value: str | None) -> str | None:
    if value is not None and not re.fullmatch(VERSION_PATTERN.strip("^$"), value):
        raise click.BadParameter(f"« {value} » : une date de la forme AAAA-MM est attendue (par exemple 2026-12)")
    return value


def say_recovered(said: str | None) -> None:
    """An interrupted edit undone before this command (content/journal.py)."""
    if said:
        click.echo(f"Attention : {said}.", err=True)


class JalonsGroup(click.Group):
    """Every error of every command is reported one way: its French report on stderr, exit status 1,
    never a traceback."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except JalonsError as exc:
            click.echo(exc.report(), err=True)
            ctx.exit(1)


@click.group(cls=JalonsGroup, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
             subcommand_metavar=SUBCOMMAND_METAVAR)
@click.version_option(package_name="fiches-jalons")
def main() -> None:
    """Fiches jalons : outils pour le contenu de la feuille de route."""


@main.command(short_help="Vérifie tout le contenu.")
@click.argument("folder", required=False, type=CONTENT, metavar="[DOSSIER]")
@content_option
@click.option("--format", "output_format", type=click.Choice(["texte", "github"]), default="texte",
              show_default=True, help="github : chaque problème en annotation GitHub, sur la ligne qu'il "
                                      "concerne (vérification des demandes de fusion).")
def check(folder: Path | None, content_dir: Path | None, output_format: str) -> None:
    """Vérifie tout le contenu (fiches, ressources, feuille de route) et signale chaque erreur ; DOSSIER
    est une autre façon de donner --content."""
    if folder is not None and content_dir is not None and folder != content_dir:
        raise click.UsageError(f"deux dossiers de contenu donnés ({display_path(folder)} et "
                               f"{display_path(content_dir)}) : un seul est attendu")
    content_dir = content_folder(folder if folder is not None else content_dir)
    if not content_dir.is_dir():
        fail(f"dossier de contenu introuvable : {display_path(content_dir)}")
    github, top = output_format == "github", project_folder()

    def warn(warning: str | ContentError, path: Path | None = None) -> None:
        """A warning as the format says: « Attention : … » on stderr, or a GitHub annotation on stdout."""
        if not github:
            click.echo(f"Attention : {warning}", err=True)
        elif isinstance(warning, ContentError):
            click.echo(problem_annotation("warning", warning, base=top))
        else:
            click.echo(annotation("warning", warning, base=top, path=path))

    recovered = recover_unless_editing(content_dir)
    if recovered:
        warn(f"{recovered}.")
    try:
        # What the build checks, made as it makes it (without PDFs): the git history is input too (its states,
        # the versions' order), and so are the hand-written pages (their front matter, the addresses they take;
        # the build also checks the templates they name, which only the theme knows). As the build does, in
        # several processes, and with the share images the build keeps (drawing them was half of a check).
        site = build_site(content_dir, git_history=True, image_cache_dir=content_dir.parent / SHARE_CACHE_DIR,
                          workers=available_processors())
    except ContentErrors as exc:
        if not github:
            raise
        for error in exc.errors:
            click.echo(problem_annotation("error", error, base=top))
        fail(f"{compte(len(exc.errors), 'erreur')} dans le contenu.")
    corpus, historique = site.corpus, site.historique
    fiches, ressources = len(corpus.jalons), len(corpus.ressources)
    liste = f", liste des jalons : {compte(len(corpus.liste.jalons), 'énoncé')}" if corpus.liste else ""
    click.echo(f"Contenu valide ({display_path(content_dir)}) : {compte(fiches, 'fiche')} "
               f"sur {corpus.feuille_de_route.nombre_jalons} jalons, {compte(ressources, 'ressource')}{liste}.")
    for warning in historique.avertissements:
        warn(warning)
    for missing in to_complete(corpus):
        warn(missing)
    for fiche in empty_fiches(corpus):
        warn(fiche)


@main.command(short_help="Crée une fiche à remplir.")
@click.argument("numero", type=int)
@click.argument("titre")
@content_option
def new(numero: int, titre: str, content_dir: Path | None) -> None:
    """Crée la fiche du jalon NUMERO, avec chaque section à remplir (l'énoncé, celui de la liste des
    jalons quand elle le donne)."""
    content_dir = content_folder(content_dir)
    try:
        with content_lock(content_dir) as recovered:
            say_recovered(recovered)
            path = new_fiche(content_dir, numero, titre)
    except (FileExistsError, ValueError) as exc:
        fail(str(exc))
    click.echo(f"Fiche créée : {display_path(path)}. Remplissez-la, puis vérifiez-la avec : jalons check")


@main.command(short_help="Commence la prochaine campagne d'évaluation.")
@click.argument("date", metavar="[AAAA-MM]", required=False, callback=campaign_date)
@content_option
def campagne(date: str | None, content_dir: Path | None) -> None:
    """Commence la campagne d'évaluation de DATE (par défaut : ce mois-ci) : écrit
    content/evaluations/AAAA-MM.yml avec, en commentaires, la dernière évaluation de chaque jalon, à revoir."""
    content_dir = content_folder(content_dir)
    date = date or current_month()
    try:
        with content_lock(content_dir) as recovered:
            say_recovered(recovered)
            path, text, assessed = start_campaign(content_before_edit(content_dir), date)
            write_all([(path, text)], content_dir)
    except FileExistsError as exc:
        fail(str(exc))
    click.echo(f"Campagne commencée : {display_path(path)}.")
    if assessed:
        click.echo(f"La dernière évaluation de {compte(assessed, 'jalon')} y est reprise en commentaires : pour chaque "
                   "jalon évalué, décommentez son bloc, revoyez le niveau et réécrivez la justification.")
    click.echo("Pour chaque jalon évalué : son numéro sous jalons:, puis niveau: et justification: "
               "(preuves: si possible). Puis : jalons check, et publiez (commit).")


@main.command("import", short_help="Importe une fiche publiée (PDF ou texte).")
@click.argument("fiche", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@content_option
@click.option("--force", is_flag=True, help="Remplace la fiche du même numéro si elle existe.")
@click.option("--version", "version", metavar="AAAA-MM", default=None,
              help="Version de la fiche, si son texte n'a pas de ligne « Version : mois année ».")
def import_(fiche: Path, content_dir: Path | None, force: bool, version: str | None) -> None:
    """Importe une fiche publiée (PDF, ou son texte) en YAML, sans perdre une ligne : tout ou rien."""
    content_dir = content_folder(content_dir)
    if not (content_dir / FEUILLE_DE_ROUTE).exists():
        fail(f"{display_path(content_dir / FEUILLE_DE_ROUTE)} introuvable : la feuille de route est nécessaire à l'import")
    if version is not None and not re.fullmatch(VERSION_PATTERN, version):
        fail(f"--version « {version} » : une version de la forme AAAA-MM est attendue (par exemple 2025-07)")
    plan = None
    try:
        with content_lock(content_dir) as recovered:
            say_recovered(recovered)
            corpus = content_before_edit(content_dir)
            levels = [level.libelle for level in corpus.feuille_de_route.echelle]
            plan = plan_import(parse_fiche(read_text(fiche), levels), corpus, version)
            written = write_import(plan, content_dir, force)
    except ContentErrors as exc:
        for warning in plan.warnings if plan else []:
            click.echo(f"Attention : {warning}", err=True)
        raise EditRefused(exc, "la fiche importée rendrait le contenu invalide") from None
    for notice in plan.notices:
        click.echo(f"Note : {notice}")
    for warning in plan.warnings:
        click.echo(f"Attention : {warning} (gardée en commentaire dans la fiche)"
                   if warning.startswith("ligne") else f"Attention : {warning}", err=True)
    click.echo(f"Fiche importée : {display_path(plan.fiche_path)}")
    for line in plan.summary:
        click.echo(f"  {line}")
    click.echo(f"Fichiers écrits : {', '.join(display_path(path) for path in written)}")
    click.echo("jalons check : contenu valide.")


@main.command("import-liste", short_help="Importe la liste des jalons.")
@click.argument("fichier", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@content_option
@click.option("--force", is_flag=True,
              help="Remplace un énoncé différent, dans la liste et dans la fiche publiée du jalon.")
def import_liste(fichier: Path, content_dir: Path | None, force: bool) -> None:
    """Importe la liste des jalons publiée par le RRECQ (« Jalon N : énoncé ») : tout ou rien."""
    content_dir = content_folder(content_dir)
    source = display_path(fichier)
    try:
        text = read_liste(fichier)
        with content_lock(content_dir) as recovered:
            say_recovered(recovered)
            corpus = content_before_edit(content_dir)
            plan = plan_liste(parse_liste(text, source), corpus, source, force)
            write_all(plan.files, content_dir, check=lambda: load_corpus(content_dir))
    except ContentErrors as exc:
        raise EditRefused(exc, "la liste rendrait le contenu invalide") from None
    for changed in plan.changed:
        click.echo(f"Modifié : {changed}")
    if plan.added:
        click.echo(f"Ajoutés à {LISTE_DES_JALONS} : {compte(len(plan.added), 'jalon')}")
    if not plan.files:
        click.echo("Rien à changer : la liste est déjà celle du contenu.")
    else:
        click.echo(f"Fichiers écrits : {', '.join(display_path(path) for path, _text in plan.files)}")
        click.echo("jalons check : contenu valide.")


@main.group(subcommand_metavar=SUBCOMMAND_METAVAR, short_help="Applique les propositions reçues.")
def suggestion() -> None:
    """Propositions reçues par le formulaire de contribution."""


@suggestion.command("apply", short_help="Applique la suggestion d'un courriel.")
@click.argument("message", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@content_option
@click.option("--campagne", metavar="AAAA-MM", default=None, callback=campaign_date,
              help="La campagne d'évaluation où ajouter un niveau proposé [par défaut : celle du mois].")
def suggestion_apply(message: Path, content_dir: Path | None, campagne: str | None) -> None:
    """Applique la suggestion d'un courriel (.eml, ou son texte) au fichier YAML de la fiche ; un niveau
    d'avancement proposé va, avec la justification de la personne, dans la campagne d'évaluation du mois."""
    content_dir = content_folder(content_dir)
    try:
        text, warnings = read_message(message)
        suggestion, block_warnings = parse_message(text)
        with content_lock(content_dir) as recovered:
            say_recovered(recovered)
            changes, apply_warnings = apply(suggestion, content_dir, campagne)
    except ContentErrors as exc:
        raise EditRefused(exc, "la suggestion rendrait le contenu invalide") from None
    for warning in [*warnings, *block_warnings, *apply_warnings]:
        click.echo(f"Attention : {warning}", err=True)
    for change in changes:
        click.echo(change.diff(), nl=False)
    click.echo(f"Suggestion appliquée ({compte(len(changes), 'fichier')}) ; "
               "le contenu reste valide. Relisez le diff ci-dessus avant de le publier.")


@main.command(short_help="Écrit le site en projet Markdown pour un autre moteur (Zensical).")
@click.argument("destination", type=click.Path(file_okay=False, path_type=Path))
@content_option
@click.option("--config", "config_file", default=None, type=click.Path(dir_okay=False, path_type=Path),
              metavar="FICHIER", help="Configuration du site (nom, adresse, navigation, thème) [par défaut : "
                                      "mkdocs.yml, dans le dossier du projet].")
@click.option("--sans-pdf", "without_pdf", is_flag=True, help="N'écrit pas les fiches PDF (plus rapide).")
@click.option("--force", is_flag=True, help="Écrit dans DESTINATION même s'il contient déjà des fichiers.")
def export(destination: Path, content_dir: Path | None, config_file: Path | None, without_pdf: bool,
           force: bool) -> None:
    """Écrit dans DESTINATION un projet complet que Zensical construit sans le plugin jalons : sa
    configuration (mkdocs.yml), ses pages en Markdown, ses données, son thème et ses fiches PDF."""
    content_dir, config_file = content_folder(content_dir), in_project(config_file, "mkdocs.yml")
    if destination.is_dir() and any(destination.iterdir()) and not force:
        fail(f"{display_path(destination)} contient déjà des fichiers : choisissez un dossier vide, ou relancez "
             "avec --force pour les remplacer")
    pdf_cache = None if without_pdf else config_file.parent / PDF_CACHE_DIR
    try:
        count = export_site(config_file, content_dir, destination, pdf_cache)
    except OSError as exc:
        fail(f"écriture impossible dans {display_path(destination)} ({french_os_error(exc)})")
    click.echo(f"{count} fichiers écrits dans {display_path(destination)}.")


@main.command(short_help="Écrit les schémas JSON des fichiers.")
@click.argument("destination", required=False, type=click.Path(file_okay=False, path_type=Path),
                metavar="[DESTINATION]")
def schema(destination: Path | None) -> None:
    """Écrit les schémas JSON des fichiers de contenu (pour les éditeurs de texte) dans DESTINATION
    (par défaut : schemas/, dans le dossier du projet)."""
    destination = in_project(destination, "schemas")
    try:
        destination.mkdir(parents=True, exist_ok=True)
        for name in SCHEMAS:
            (destination / f"{name}.schema.json").write_text(json_schema_text(name), encoding="utf-8")
    except OSError as exc:
        fail(f"écriture impossible dans {display_path(destination)} ({french_os_error(exc)})")
    click.echo(f"{len(SCHEMAS)} schémas écrits dans {display_path(destination)}.")


@main.command(short_help="Vérifie qu'un site construit est complet.")
@click.argument("site_dir", required=False, type=click.Path(file_okay=False, path_type=Path), metavar="[SITE]")
@content_option
@click.option("--sans-pdf", "without_pdf", is_flag=True, help="Le site a été construit sans les PDF (JALONS_PDF=false).")
def verify(site_dir: Path | None, content_dir: Path | None, without_pdf: bool) -> None:
    """Vérifie que le site construit dans SITE (site/ du projet par défaut) a la page de chaque jalon, et pour
    chaque fiche publiée sa page, son PDF et ses données : un moteur qui aurait ignoré le plugin jalons
    échoue ici."""
    site_dir, content_dir = in_project(site_dir, "site"), content_folder(content_dir)
    if not site_dir.is_dir():
        fail(f"site construit introuvable : {display_path(site_dir)} (lancez d'abord mkdocs build)")
    try:
        corpus = load_corpus(content_dir)
    except ContentErrors as exc:
        raise EditRefused(exc, "le contenu est invalide") from None
    problems = missing_parts(corpus, site_dir, pdf=not without_pdf)
    if problems:
        click.echo("\n".join(f"{display_path(site_dir)} : {problem}" for problem in problems), err=True)
        fail(f"site incomplet : {compte(len(problems), 'problème')} ; le plugin jalons a-t-il tourné ?")
    nombre, fiches = corpus.feuille_de_route.nombre_jalons, len(corpus.jalons)
    publiees = compte(fiches, "fiche publiée")
    pdf = "" if without_pdf else (" avec son PDF" if fiches == 1 else " avec leurs PDF")
    click.echo(f"Site complet ({display_path(site_dir)}) : {nombre} pages de jalons, {publiees}{pdf}, "
               "les données ouvertes et le fil des nouveautés.")
