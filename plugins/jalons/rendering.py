"""Page sources of the site (Markdown holding escaped HTML blocks), from Jinja templates.

The templates ship in this package under `templates/pages/`; a site overrides any of them by putting a
file of the same name under `<custom_dir>/jalons/pages/`.
"""

from __future__ import annotations

import html
import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from jinja2 import ChoiceLoader, Environment, FileSystemLoader, PackageLoader, StrictUndefined
from markupsafe import Markup

from . import urls
from .carte import carte
from .corpus import Corpus
from .linking import Graphe, LienInvalide, parse_target
from .model import SECTIONS, TYPES_RESSOURCE
from .schema import SCHEMAS, champs, json_schema_text
from .suggestion import DEBUT, FIN, SECTIONS_CONTRIBUTION
from .textmarkup import plain_text, render_inline

MOIS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
        "novembre", "décembre")


def mois_annee(version: str) -> str:
    """'2025-07' as a reader says it: 'juillet 2025'."""
    annee, mois = version.split("-")
    return f"{MOIS[int(mois) - 1]} {annee}"


def front_matter(title: str) -> Markup:
    # MkDocs and Material put a page title into HTML unescaped: it is escaped here, once.
    return Markup(f"---\ntitle: {json.dumps(html.escape(title), ensure_ascii=False)}\n---\n")


def mailto(address: str, subject: str) -> str:
    return f"mailto:{address}?subject={quote(subject, safe='')}"


@dataclass(frozen=True)
class GeneratedPage:
    markdown: str
    source: Path | None = None  # the content file the page is made from, for « modifier »


class PageRenderer:
    def __init__(self, corpus: Corpus, graphe: Graphe, template_dirs: Iterable[Path] = (),
                 forge: urls.Forge | None = None):
        self.corpus = corpus
        self.graphe = graphe
        self.forge = forge or urls.Forge(corpus.content_dir.parent, corpus.content_dir / "pages")
        loaders = [FileSystemLoader(str(folder)) for folder in template_dirs if Path(folder).is_dir()]
        self.env = Environment(
            loader=ChoiceLoader([*loaders, PackageLoader("jalons", "templates")]),
            autoescape=True,  # every value from content is escaped unless it went through `t`
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
            undefined=StrictUndefined,
        )
        self.env.globals.update(
            corpus=corpus, feuille=corpus.feuille_de_route, graphe=graphe, sections=dict(SECTIONS),
            mois_annee=mois_annee, front_matter=front_matter, mailto=mailto, urls=urls, plain_text=plain_text,
            types_ressource=TYPES_RESSOURCE, sections_contribution=SECTIONS_CONTRIBUTION,
            suggestion_debut=DEBUT, suggestion_fin=FIN, schemas=SCHEMAS, champs=champs,
        )

    def _resolver(self, page_url: str):
        def resolve(href: str) -> str | None:
            try:
                cible = parse_target(href)
            except LienInvalide:
                return None  # loading reports these; rendering only makes sure they never reach a page
            if cible.genre == "jalon":
                return urls.relative(page_url, urls.jalon(cible.valeur))
            if cible.genre == "ressource":
                return urls.relative(page_url, urls.ressource(cible.valeur))
            return cible.valeur
        return resolve

    def render(self, template: str, page_url: str, **values) -> str:
        resolve = self._resolver(page_url)
        return self.env.get_template(template).render(
            page_url=page_url,
            t=lambda text: Markup(render_inline(text, resolve)),
            lien=lambda target: urls.relative(page_url, target),
            **values,
        )

    def site_pages(self) -> dict[str, GeneratedPage]:
        """Every generated page: its source path in the docs tree, its Markdown, its content file."""
        pages = {
            urls.INDEX_JALONS: GeneratedPage(self.render("pages/index-jalons.md.j2", urls.INDEX_JALONS)),
            urls.RESSOURCES: GeneratedPage(self.render("pages/ressources.md.j2", urls.RESSOURCES)),
            urls.PARTIES_PRENANTES: GeneratedPage(self.render("pages/parties-prenantes.md.j2", urls.PARTIES_PRENANTES)),
            urls.AVANCEMENT: GeneratedPage(self.render("pages/avancement.md.j2", urls.AVANCEMENT,
                                                       avancement=self.corpus.avancement())),
        }
        for partie in self.corpus.feuille_de_route.parties_prenantes:
            url = urls.partie_prenante(partie.id)
            pages[url] = GeneratedPage(self.render("pages/partie-prenante.md.j2", url, partie=partie))
        for numero, jalon in self.corpus.jalons.items():
            url, source = urls.jalon(numero), self.corpus.jalon_sources[numero].path
            pages[url] = GeneratedPage(self.render("pages/fiche.md.j2", url, jalon=jalon,
                                                   edit_url=self.forge.edit_url(source),
                                                   source_path=self.forge.path(source)), source)
        for numero in self.graphe.jalons_a_venir(self.corpus):
            url = urls.jalon(numero)
            pages[url] = GeneratedPage(self.render("pages/a-venir.md.j2", url, numero=numero))
        return {urls.source_of(url): page for url, page in pages.items()}

    def data_files(self) -> dict[str, str]:
        """Files published as they are: the JSON Schemas of the content files."""
        return {urls.schema(name): json_schema_text(name) for name in SCHEMAS}

    def addendum(self, src_uri: str) -> str | None:
        """What a hand-written page shows after its own text, if anything (`index.md`: the map)."""
        if src_uri == "index.md":
            return self.render("pages/accueil.md.j2", urls.ACCUEIL, carte=carte(self.corpus, self.graphe))
        if src_uri == "contribuer.md":
            return self.render("pages/contribuer.md.j2", urls.CONTRIBUER)
        return None
