"""`jalons new`: a fiche file with every section to fill, in the order of the published sheet."""

from __future__ import annotations

import datetime
import json
import os
from pathlib import Path

from pydantic import ValidationError

from .yamledit import slug
from ..content.layout import FEUILLE_DE_ROUTE, JALONS_DIR, fiche_files
from ..content.liste import LISTE_DES_JALONS
from ..content.model import CHAMPS_FICHE, Champ, Jalon, JalonDeLaListe, ListeDesJalons, jalons_de_la_feuille
from ..content.errors import display_path
from ..content.schema import editor_comment
from ..content.textrules import first_forbidden, forbidden_message
from .transaction import write_all
from ..content.yamlsource import YamlReadError, read_yaml


def current_month() -> str:
    """This month as AAAA-MM: a new fiche's version, a new campaign's date. SOURCE_DATE_EPOCH, when set, makes
    the output reproducible."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    today = datetime.datetime.fromtimestamp(int(epoch), datetime.UTC) if epoch else datetime.datetime.now(datetime.UTC)
    return today.strftime("%Y-%m")


def fiche_text(numero: int, titre: str, version: str, de_la_liste: JalonDeLaListe | None = None) -> str:
    """Every key of a fiche (model.CHAMPS_FICHE), in the order of the published sheet, each with what it holds;
    the statement and the pivot flag of the roadmap's list when it has the jalon (`de_la_liste`)."""
    lines = [editor_comment("jalon"), f"# Fiche du jalon {numero}. Remplissez chaque section, puis vérifiez : jalons check"]
    for champ in CHAMPS_FICHE:
        lines += _scaffold_lines(champ, numero, titre, version, de_la_liste)
    return "\n".join([*lines, ""])


def _scaffold_lines(champ: Champ, numero: int, titre: str, version: str,
                    de_la_liste: JalonDeLaListe | None) -> list[str]:
    key, description = champ.cle, Jalon.model_fields[champ.cle].description
    if champ.genre == "numero":
        return [f"{key}: {numero}"]
    if champ.genre == "version":
        return ["", f"{key}: '{version}'"]
    if key == "enonce" and de_la_liste is not None:
        return [f"# {description} (celui de {LISTE_DES_JALONS})", f"{key}: {json.dumps(de_la_liste.enonce, ensure_ascii=False)}"]
    if champ.genre == "texte":
        value = json.dumps(titre, ensure_ascii=False) if key == "titre" else "''"
        return ([] if key == "titre" else [f"# {description}"]) + [f"{key}: {value}"]
    if champ.genre == "drapeau":
        return [f"{key}: true"] if de_la_liste is not None and getattr(de_la_liste, key, False) else [f"# {key}: true"]
    if champ.genre == "identifiants":
        return ["", f"# {description}", f"{key}: []"]
    if champ.genre == "textes":
        return ["", f"# « {champ.libelle} » : un élément par tiret.", f"{key}: []"]
    if champ.genre == "historique":
        return []  # filled when a later version is published
    raise ValueError(f"genre de champ « {champ.genre} » inconnu de jalons new (champ {key})")


def _nombre_jalons(content_dir: Path) -> int | None:
    """The roadmap's number of jalons, if its file can be read (`jalons check` reports it otherwise)."""
    try:
        data = read_yaml(content_dir / FEUILLE_DE_ROUTE, root=content_dir).data
    except YamlReadError:
        return None
    nombre = data.get("nombre_jalons") if isinstance(data, dict) else None
    return nombre if isinstance(nombre, int) and not isinstance(nombre, bool) else None


def _de_la_liste(content_dir: Path, numero: int) -> JalonDeLaListe | None:
    """The jalon's entry in the roadmap's list, when the list is there and reads well (`jalons check`
    reports it otherwise): the new fiche starts with the statement the list gives, which it must match."""
    path = content_dir / LISTE_DES_JALONS
    if not path.is_file():
        return None
    try:
        liste = ListeDesJalons.model_validate(read_yaml(path, root=content_dir).data)
    except (YamlReadError, ValidationError):
        return None
    return next((entry for entry in liste.jalons if entry.numero == numero), None)


def new_fiche(content_dir: Path, numero: int, titre: str) -> Path:
    """Write the new fiche's file; refuse to overwrite, or to give a jalon a second fiche."""
    folder = content_dir / JALONS_DIR
    nombre = _nombre_jalons(content_dir)
    if numero < 1 or (nombre is not None and numero > nombre):
        which = jalons_de_la_feuille(nombre) if nombre is not None else "un numéro de jalon commence à 1"
        raise ValueError(f"le jalon {numero} n'existe pas : {which}")
    existing = fiche_files(content_dir, numero)
    if existing:
        raise FileExistsError(f"le jalon {numero} a déjà sa fiche : {display_path(existing[0])}")
    path = folder / f"{numero:02d}-{slug(titre)}.yml"
    if path.exists() or path.is_symlink():
        raise FileExistsError(f"{display_path(path)} existe déjà : aucun fichier n'est remplacé")
    found = first_forbidden(titre)
    if found:
        raise ValueError(f"titre : {forbidden_message(found.group())}")
    write_all([(path, fiche_text(numero, titre, current_month(), _de_la_liste(content_dir, numero)))], content_dir)
    return path
