"""What a valid content still lacks before readers should see it: said by `jalons check` as warnings, never
shown on the site as a placeholder."""

from __future__ import annotations

from .corpus import Corpus
from .errors import ContentError
from .model import SECTIONS


def empty_fiches(corpus: Corpus) -> list[ContentError]:
    """Each fiche whose every section is empty (a `jalons new` never filled in): its page would say nothing
    but its title and statement."""
    names = ", ".join(key for key, _label in SECTIONS)
    return [corpus.jalon_sources[numero].error((), f"fiche vide : toutes ses sections ({names}) sont vides")
            for numero, jalon in corpus.jalons.items()
            if not any(getattr(jalon, key) for key, _label in SECTIONS)]


def to_complete(corpus: Corpus) -> list[ContentError]:
    """What the organisation has not given yet and readers therefore do not see: no licence, no address for its
    site or the roadmap's document, no logo, a group that is not described, a resource without an address. Never a placeholder on a page: the
    site links nothing it was not given and says nothing is missing; this list is for the people who publish."""
    feuille, source = corpus.feuille_de_route, corpus.feuille_de_route_source
    missing = []
    if feuille.licence is None:
        missing.append(source.error((), "aucune licence (clé licence : spdx, nom, url) : aucune n'est annoncée, "
                                        "la page des données ouvertes dit à qui écrire pour réutiliser"))
    identite = feuille.identite
    for key, what in (("site", "l'adresse du site de l'organisation, à laquelle rien ne renvoie"),
                      ("document", "l'adresse du document de la feuille de route, à laquelle rien ne renvoie"),
                      ("logo", "le logo (fichier SVG) : le sigle tient lieu de logo")):
        if getattr(identite, key) is None:
            missing.append(source.error(("identite",), f"identite.{key} absent : {what}"))
    missing += [source.error(("parties_prenantes", index), f"partie prenante « {partie.nom} » sans description : sa "
                                                          "page ne dit pas qui est ce groupe")
                for index, partie in enumerate(feuille.parties_prenantes) if partie.description is None]
    missing += [corpus.ressource_sources[identifiant].error((), "ressource sans adresse (clé url) : elle est citée "
                                                               "sans lien, et les liens vers elle restent du texte")
                for identifiant, ressource in corpus.ressources.items() if ressource.url is None]
    return missing
