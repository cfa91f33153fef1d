"""The content model: one source of truth for fiche, resource and roadmap files.

Field names are the YAML keys (French, as the people who edit them are). The JSON Schema published
for editors and the French error messages are both derived from these classes.
"""

from __future__ import annotations

import typing
from dataclasses import dataclass
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from .couleurs import COULEUR_PAR_DEFAUT, readable_on_white

MAX_JALONS = 999  # a jalon's number has at most three digits in every address and file name of the site
VERSION_PATTERN = r"^[0-9]{4}-(0[1-9]|1[0-2])$"
IDENTIFIANT_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
URL_PATTERN = r"^https?://[^\s\"<>]+$"  # quotes and angle brackets must be percent-encoded in a URL
COURRIEL_PATTERN = r"^[^@\s]+@[^@\s]+\.[A-Za-z]{2,}$"
SPDX_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9.+-]*$"  # a licence identifier of the SPDX list, such as CC-BY-4.0
NUMERO_PATTERN = r"^[1-9][0-9]*$"  # a jalon's number written as a key of an assessment campaign (22:)
COULEUR_PATTERN = r"^#[0-9a-fA-F]{6}$"
LOGO_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._-]*\.svg$"  # a file beside feuille-de-route.yml, never a path out of it

# What a person should read when a value does not have the expected form.
PATTERN_HINTS = {
    VERSION_PATTERN: "une version de la forme AAAA-MM (par exemple 2025-07)",
    IDENTIFIANT_PATTERN: "un identifiant en minuscules, chiffres et tirets (par exemple fonds-ecoleader)",
    URL_PATTERN: "une adresse web complète commençant par https://",
    COURRIEL_PATTERN: "une adresse courriel (par exemple info@rrecq.ca)",
    SPDX_PATTERN: "un identifiant de licence SPDX (par exemple CC-BY-4.0)",
    NUMERO_PATTERN: "un numéro de jalon (par exemple 22)",
    COULEUR_PATTERN: "une couleur de la forme #RRVVBB (par exemple #1d5743)",
    LOGO_PATTERN: "le nom d'un fichier SVG placé à côté de feuille-de-route.yml (par exemple logo.svg)",
}

# Resource types, in the order of the resource directory, with its headings.
TYPES_RESSOURCE = {
    "organisation": "Organisations",
    "programme": "Programmes",
    "publication": "Publications",
    "plateforme": "Plateformes",
    "outil": "Outils",
    "evenement": "Événements",
    "autre": "Autres",
}


def _not_blank(text: str) -> str:
    if not text.strip():
        raise ValueError("texte non vide attendu")
    return text


Texte = Annotated[
    str,
    AfterValidator(_not_blank),
    Field(min_length=1),
    Field(description="Texte : Markdown restreint (*italique*, **gras**, [liens](jalon:25)) ; le HTML n'est pas interprété."),
]
TexteSimple = Annotated[str, AfterValidator(_not_blank), Field(min_length=1, description="Texte brut, sans mise en forme.")]
Identifiant = Annotated[str, Field(pattern=IDENTIFIANT_PATTERN, description="Identifiant : minuscules, chiffres et tirets.")]
Version = Annotated[str, Field(pattern=VERSION_PATTERN, description="Version AAAA-MM, affichée « juillet 2025 ».")]
Url = Annotated[str, Field(pattern=URL_PATTERN, description="Adresse web complète (https://…).")]


class _Strict(BaseModel):
    # Unknown keys are errors and no value is coerced: a typo never vanishes silently.
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class EntreeHistorique(_Strict):
    version: Version
    resume: Texte = Field(description="Ce qui a changé dans cette version.")


class Jalon(_Strict):
    """Une fiche jalon : content/jalons/NN-titre-court.yml."""

    # From 1 to the roadmap's nombre_jalons, checked in loading.py against the roadmap: one message for both ends.
    numero: int = Field(description="Numéro du jalon ; le même que le préfixe du nom de fichier.",
                        json_schema_extra={"minimum": 1})
    titre: TexteSimple = Field(description="Titre court du jalon.")
    enonce: Texte = Field(description="L'énoncé du jalon, sous le titre.")
    pivot: bool = Field(False, description="true pour un jalon pivot.")
    mobiliser: list[Identifiant] = Field(
        default_factory=list, description="« Qui doit être mobilisé » : identifiants des parties prenantes.")
    pourquoi: list[Texte] = Field(default_factory=list, description="« Pourquoi ce jalon? »")
    leviers: list[Texte] = Field(default_factory=list, description="« Comment pourrait-on s'y rendre? »")
    facilitateurs: list[Texte] = Field(default_factory=list, description="« Qu'est-ce qui peut faciliter ce changement? »")
    freins: list[Texte] = Field(default_factory=list, description="« Qu'est-ce qui peut freiner sa mise en œuvre? »")
    questions: list[Texte] = Field(default_factory=list, description="« Qu'est-ce qu'il reste à éclaircir? »")
    ressources: list[Identifiant] = Field(
        default_factory=list, description="« Ressources » : identifiants des fichiers de content/ressources/.")
    version: Version
    historique: list[EntreeHistorique] = Field(default_factory=list, description="Notes de versions précédentes.")


# Keys that content once had, and where what they said lives now: an old file gets told, not « clé inconnue ».
RETIRED_KEYS = {
    ("Jalon", "avancement"): "clé « avancement » retirée des fiches : le niveau d'un jalon est celui de sa dernière "
                             "évaluation, dans content/evaluations/AAAA-MM.yml (sous jalons:, le numéro du jalon, "
                             "puis niveau: et justification:) ; enlevez-la de la fiche et reportez le niveau dans "
                             "une campagne (jalons campagne la commence)",
}


def sans_cles_retirees(data: dict) -> dict:
    """A fiche's data as it was written in a past state, without the keys fiches no longer have: right then."""
    return {key: value for key, value in data.items() if ("Jalon", key) not in RETIRED_KEYS}


class Ressource(_Strict):
    """Une ressource : content/ressources/identifiant.yml (l'identifiant est le nom du fichier)."""

    titre: TexteSimple = Field(description="Titre de la ressource, ou nom de l'organisation.")
    type: Literal[tuple(TYPES_RESSOURCE)] = Field(description="Genre de ressource.")  # type: ignore[valid-type]
    auteur: TexteSimple | None = Field(None, description="Personne ou organisation.")
    annee: int | None = Field(None, ge=1900, le=2100, description="Année de publication.")
    url: Url | None = Field(None, description="Lien ; absent = la ressource est citée sans lien (jamais inventé).")
    description: Texte | None = Field(None, description="Quelques mots sur la ressource.")


class NiveauEchelle(_Strict):
    id: Identifiant = Field(description="Identifiant du niveau, employé par la clé niveau des évaluations.")
    libelle: TexteSimple = Field(description="Libellé affiché.")
    definition: Texte | None = Field(None, description="Ce que le niveau veut dire ; absente = le libellé seul.")


class Evaluation(_Strict):
    """Où en est un jalon, selon une campagne d'évaluation."""

    niveau: Identifiant = Field(description="Un identifiant de l'échelle de feuille-de-route.yml.")
    justification: Texte = Field(description="Pourquoi ce niveau.")
    preuves: list[Texte] = Field(default_factory=list, description="Ce qui l'appuie : liens, ressource:…")


NumeroDeJalon = Annotated[str, Field(pattern=NUMERO_PATTERN)]


class Campagne(_Strict):
    """Une campagne d'évaluation : content/evaluations/AAAA-MM.yml (sa date est le nom du fichier)."""

    titre: TexteSimple | None = Field(None, description="Titre de la campagne ; absent = « Évaluation de <mois> ».")
    methode: Texte | None = Field(None, description="Comment cette campagne a évalué.")
    # Empty while a campaign is being prepared (jalons campagne writes it so): loading says what to fill.
    jalons: dict[NumeroDeJalon, Evaluation] | None = Field(description="Les jalons évalués, par numéro (22:).")


class PartiePrenante(_Strict):
    id: Identifiant = Field(description="Identifiant du groupe, employé par la clé mobiliser des fiches.")
    nom: TexteSimple = Field(description="Nom affiché.")
    description: TexteSimple | None = Field(
        None, description="Qui est ce groupe, en une ou deux phrases, sur sa page ; absente = rien n'en est dit.")


class Licence(_Strict):
    """Sous quelle licence le texte des fiches et les données peuvent être réutilisés (le choix du RRECQ)."""

    spdx: str = Field(pattern=SPDX_PATTERN, description="Identifiant SPDX de la licence (par exemple CC-BY-4.0).")
    nom: TexteSimple = Field(description="Nom de la licence, tel que les lecteurs le liront.")
    url: Url = Field(description="Adresse du texte de la licence.")


class Identite(_Strict):
    """Ce qui fait du site la publication de l'organisation : ses adresses, son logo, sa couleur (jamais inventés)."""

    site: Url | None = Field(None, description="Adresse du site de l'organisation ; absente = aucun lien vers lui.")
    document: Url | None = Field(
        None, description="Adresse du document de la feuille de route (PDF ou page) ; absente = aucun lien vers lui.")
    logo: str | None = Field(None, pattern=LOGO_PATTERN, description=(
        "Fichier SVG du logo, à côté de feuille-de-route.yml ; absent = le sigle, dessiné en logotype."))
    couleur: Annotated[str, Field(pattern=COULEUR_PATTERN), AfterValidator(readable_on_white)] = Field(
        COULEUR_PAR_DEFAUT, description="Couleur principale du site et des PDF (#RRVVBB), lisible sur le blanc (4,5:1).")


class FeuilleDeRoute(_Strict):
    """content/feuille-de-route.yml : les données communes à toute la feuille de route."""

    nom: TexteSimple = Field(description="Nom complet de la feuille de route.")
    organisation: TexteSimple = Field(description="Nom de l'organisation qui la publie.")
    sigle: TexteSimple = Field(description="Sigle de l'organisation.")
    # Bounded: each jalon has its page (a million made a build run for minutes until killed); the roadmap has 67.
    nombre_jalons: int = Field(ge=1, le=MAX_JALONS, description="Nombre de jalons de la feuille de route.")
    contact: str = Field(pattern=COURRIEL_PATTERN, description="Adresse à qui écrire pour contribuer.")
    echelle: list[NiveauEchelle] = Field(min_length=1, description="Les niveaux d'avancement, du premier au dernier.")
    parties_prenantes: list[PartiePrenante] = Field(min_length=1, description="Les groupes de « Qui doit être mobilisé ».")
    a_propos: Texte = Field(description="Texte « À propos » affiché au bas de chaque fiche.")
    licence: Licence | None = Field(None, description=(
        "Licence du texte et des données ; absente = aucune licence annoncée (les pages disent à qui écrire)."))
    identite: Identite = Field(default_factory=Identite, description="Les adresses, le logo et la couleur de l'organisation.")


class JalonDeLaListe(_Strict):
    numero: int = Field(description="Numéro du jalon.", json_schema_extra={"minimum": 1})  # range: liste.py
    enonce: Texte = Field(description="L'énoncé du jalon, tel que la feuille de route le publie.")
    titre: TexteSimple | None = Field(None, description="Titre court, s'il y en a un.")
    pivot: bool = Field(False, description="true pour un jalon pivot.")
    rangee: int | None = Field(None, ge=1, description="Rangée du jalon sur l'illustration de la feuille de route.")
    colonne: int | None = Field(None, ge=1, description="Colonne du jalon sur l'illustration de la feuille de route.")


# The language of the roadmap and its fiches (Québec French), one tag for every output that names it: the
# pages' <html lang>, the PDF, the feed, the data, the JSON-LD and the citations.
LANGUE = "fr-CA"


def jalons_de_la_feuille(nombre: int) -> str:
    """How every message that names a jalon number outside the roadmap says which numbers exist."""
    return f"la feuille de route compte les jalons 1 à {nombre}"


def numero_dans_la_feuille(numero: int, feuille: "FeuilleDeRoute | None") -> bool:
    """From 1 to the roadmap's number of jalons (from 1 on, while the roadmap cannot be read)."""
    return numero >= 1 and (feuille is None or numero <= feuille.nombre_jalons)


def numero_hors_feuille(numero: int, feuille: "FeuilleDeRoute | None") -> str:
    if feuille is None:
        return f"valeur attendue : un numéro de jalon, à partir de 1 ; trouvé : {numero}"
    return f"valeur attendue : un numéro de 1 à {feuille.nombre_jalons} ; trouvé : {numero}"


class ListeDesJalons(_Strict):
    """La liste de tous les jalons de la feuille de route, avec leur énoncé, fiche publiée ou non
    (facultative ; « jalons import-liste » la remplit)."""

    jalons: list[JalonDeLaListe] = Field(min_length=1, description="Un élément par jalon, de 1 à nombre_jalons.")


@dataclass(frozen=True)
class Champ:
    """A key of a fiche, and how each part of the project treats it."""

    cle: str
    libelle: str  # as readers see it: the heading of the published sheet, or the name in « what changed »
    genre: str  # one of GENRES: how it is compared between versions, written by `jalons new`, imported
    contribution: str | None = None  # the contribution form's section for it, if readers can propose a change


# How a key is compared between versions, scaffolded and imported (see history.compare, scaffold, importing).
GENRES = {
    "numero": "the jalon's number, never changes",
    "texte": "one text, changed or not",
    "drapeau": "yes or no",
    "identifiants": "a list of identifiers (stakeholder groups, resources): added or removed",
    "textes": "a list of texts, one per dash: a section of the published sheet",
    "version": "the version of the fiche",
    "historique": "notes of earlier versions",
}

# Every key of a fiche, in the order of the published sheet. To add a key: add it to `Jalon` above and
# here; the CSV columns, the version comparison, `jalons new`, the importer's headings and the
# contribution form's sections follow (tests/test_units.py::test_a_field_is_known_everywhere).
CHAMPS_FICHE = (
    Champ("numero", "Numéro", "numero"),
    Champ("titre", "Titre", "texte"),
    Champ("enonce", "Énoncé", "texte", "Titre et énoncé"),
    Champ("pivot", "Jalon pivot", "drapeau"),
    Champ("pourquoi", "Pourquoi ce jalon?", "textes", "Pourquoi ce jalon?"),
    Champ("mobiliser", "Qui doit être mobilisé", "identifiants", "Qui doit être mobilisé"),
    Champ("leviers", "Comment pourrait-on s'y rendre?", "textes", "Comment pourrait-on s'y rendre?"),
    Champ("facilitateurs", "Qu'est-ce qui peut faciliter ce changement?", "textes",
          "Qu'est-ce qui peut faciliter ce changement?"),
    Champ("freins", "Qu'est-ce qui peut freiner sa mise en œuvre?", "textes", "Qu'est-ce qui peut freiner sa mise en œuvre?"),
    Champ("questions", "Qu'est-ce qu'il reste à éclaircir?", "textes", "Qu'est-ce qu'il reste à éclaircir?"),
    Champ("ressources", "Ressources", "identifiants", "Nouvelle ressource"),
    Champ("version", "Version", "version"),
    Champ("historique", "Historique des versions", "historique"),
)
CHAMP = {champ.cle: champ for champ in CHAMPS_FICHE}

# The fiche's list sections with the headings of the published sheet, in its order.
SECTIONS = tuple((champ.cle, champ.libelle) for champ in CHAMPS_FICHE if champ.genre == "textes")


def _is_text(annotation) -> bool:
    """Whether a field holds prose (Texte or TexteSimple, alone, optional or in a list)."""
    if any(getattr(meta, "func", None) is _not_blank for meta in getattr(annotation, "__metadata__", ())):
        return True
    return any(_is_text(argument) for argument in typing.get_args(annotation))


# Keys whose values are prose, in every content file: where a « # » must not silently cut the text.
TEXT_KEYS = frozenset(name for model in (Jalon, EntreeHistorique, Ressource, NiveauEchelle, PartiePrenante,
                                         FeuilleDeRoute, JalonDeLaListe, Campagne, Evaluation)
                      for name, info in model.model_fields.items()
                      if _is_text(info.annotation) or any(getattr(m, "func", None) is _not_blank for m in info.metadata))
