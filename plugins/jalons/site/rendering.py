"""Pages of the site (HTML, with their front matter and table of contents) and its data files, from templates.

The templates ship in this package under `templates/`; a site overrides any of them by putting a file
of the same name under `<custom_dir>/jalons/` (for example `overrides/jalons/pages/fiche.html.j2`).
Page templates (`*.html.j2`) write HTML, headings through `intertitre(...)`; the `*.md.j2` templates
write Markdown added at the end of a hand-written page (home, « Contribuer », « À propos »).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from functools import cached_property, partial
from pathlib import Path
from typing import NamedTuple
from urllib.parse import quote

from jinja2 import ChoiceLoader, Environment, FileSystemLoader, PackageLoader, StrictUndefined
from markupsafe import Markup

from . import typography, urls
from .carte import carte
from .compiled import CompiledTemplates
from ..content.corpus import Corpus
from ..content.dates import mois_annee
from ..content.errors import compte
from .feed import atom_feed
from ..content.history import Historique, VersionPubliee, fiche_as_published
from ..content.linking import Graphe, LienInvalide, parse_target
from .citation import FORMATS, Citation, citation_of, downloads, meta_tags, reference_html
from .datapackage import ARCHIVE, DATAPACKAGE, datapackage, dataset_jsonld
from .metadata import fiche_jsonld, front_matter_text, meta_values, script_json
from ..content.model import LANGUE, SECTIONS, TYPES_RESSOURCE, Identite, Jalon
from .opendata import CSV_COLUMNS, LIST_SEPARATOR
from .opendata import data_files as open_data_files
from . import niveaux
from .filtres import filter_choices
from .identite import palette_css
from .pageparts import PageParts
from .searchview import Spans, excluded_spans
from .parallel import run_all
from ..content.schema import SCHEMAS, champs, json_schema_text
from ..content.suggestion import DEBUT, FIN, SECTIONS_CONTRIBUTION
from ..content.textmarkup import plain_text, render_inline

def texte_complet(jalon: Jalon) -> str:
    """Every word of a fiche, for the index's word filter (urls.TEXTES_JALONS): a reader looking for « PME » finds
    the fiche that mentions it in a lever."""
    parts = [jalon.enonce, *(item for key, _heading in SECTIONS for item in getattr(jalon, key))]
    return " ".join(" ".join(plain_text(part).split()) for part in parts)


def mailto(address: str, subject: str) -> str:
    return f"mailto:{address}?subject={quote(subject, safe='')}"


PRINT_TEMPLATES = ("print/fiche.html.j2", "print/fiche.css")
# Hand-written pages (content/pages/) and what each shows after its own text: the home page its map,
# « Contribuer » the general form, « À propos » the roadmap file's contact address.
ADDENDA = {
    "index.md": ("pages/accueil.md.j2", urls.ACCUEIL),
    "contribuer.md": ("pages/contribuer.md.j2", urls.CONTRIBUER),
    "contribuer/depot.md": ("pages/depot.md.j2", urls.DEPOT),
    "a-propos.md": ("pages/a-propos.md.j2", urls.A_PROPOS),
}


_BLOCK = re.compile(r"<!--jalons-bloc:(\d+)-->")


@dataclass(frozen=True)
class Addendum:
    """What a hand-written page shows after its own text: Markdown, whose blocks of finished HTML (`brut` in its
    template: the home page's map, the general form and its list of every fiche) are kept apart, each replaced by a
    comment that marks its place, so that Markdown does not parse them again (at 500 fiches, a tenth of a second)."""

    markdown: str
    blocks: tuple[str, ...] = ()

    def restored(self, html: str) -> str | None:
        """`html`, what Markdown made of the page with `markdown` at its end, with the blocks back in their places;
        None when one is missing (another plugin removed it). The last mark of each number is the addendum's: the
        page's own text may have written one before it, which stays as it was written."""
        last = {int(match.group(1)): match for match in _BLOCK.finditer(html)}
        if any(number not in last for number in range(len(self.blocks))):
            return None
        parts, position = [], 0
        for number, match in sorted(((number, last[number]) for number in range(len(self.blocks))),
                                    key=lambda place: place[1].start()):
            parts += [html[position:match.start()], self.blocks[number]]
            position = match.end()
        return "".join(parts) + html[position:]

    @property
    def whole(self) -> str:
        """The Markdown with its blocks in their places, for an engine that reads it all (`jalons export`)."""
        return self.restored(self.markdown)


class _Blocks:
    """The `brut` of an addendum's template: `{% call brut() %}…{% endcall %}` keeps a block of HTML apart."""

    def __init__(self) -> None:
        self.kept: list[str] = []

    def __call__(self, caller) -> Markup:
        self.kept.append(caller())
        return Markup(f"<!--jalons-bloc:{len(self.kept) - 1}-->")


@dataclass(frozen=True)
class GeneratedPage:
    html: str  # as the text is written in the content: what a search index reads
    meta: dict = field(default_factory=dict)  # what its front matter says, as MkDocs reads it (metadata.py)
    toc: list[dict] = field(default_factory=list)  # MkDocs' toc tokens: level, id, name, children
    source: Path | None = None  # the content file the page is made from, for « modifier »
    shown: str = ""  # as readers see it: `html` with French typography (typography.french_html)
    title: str = ""  # the front matter's, as the theme writes it
    # What a search engine leaves out of `html` (searchview.py), for a page the search indexes (None: one it does not).
    search_spans: Spans | None = None

    @property
    def front_matter(self) -> str:
        return front_matter_text(self.meta) if self.meta else ""

    @property
    def markdown(self) -> str:
        """The page as a Markdown source file (HTML is Markdown): what MkDocs reads its metadata from."""
        return self.front_matter + self.html


# Between two cells of a table row: a line break, which a browser ignores there, but which keeps their words apart
# in what a search engine reads (Material's reads a table's text as one run). Not between a term and its
# definition: the key facts show them inline, where it would be a space.
_CELLS_APART = re.compile(r"(?<=</t[dh]>)(?=<t[dh][\s>])")


class VersionPages(NamedTuple):
    fiches: dict[int, dict[str, Jalon]]  # per jalon, per version with a page: the fiche as it stood then
    warnings: list[str]  # versions whose text is known but cannot be shown, and why


class PageRenderer:
    def __init__(self, corpus: Corpus, graphe: Graphe, historique: Historique, template_dirs: Iterable[Path] = (),
                 forge: urls.Forge | None = None, site_url: str | None = None, pdf: bool = False,
                 template_cache_dir: Path | None = None):
        self.corpus = corpus
        self.graphe = graphe
        self.forge = forge or urls.Forge(corpus.content_dir.parent, corpus.content_dir / "pages")
        self.historique = historique
        self.site_url = site_url.rstrip("/") + "/" if site_url else None
        self.pdf = pdf
        loaders = [FileSystemLoader(str(folder)) for folder in template_dirs if Path(folder).is_dir()]
        self.env = Environment(
            loader=ChoiceLoader([*loaders, PackageLoader("jalons", "templates")]),
            autoescape=True,  # every value from content is escaped unless it went through `t`
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
            undefined=StrictUndefined,
            bytecode_cache=CompiledTemplates(template_cache_dir),  # compiled once (site/compiled.py)
            auto_reload=False,  # one environment per build: templates do not change during it (no file checks)
        )
        self.env.globals.update(
            corpus=corpus, feuille=corpus.feuille_de_route, graphe=graphe, historique=self.historique,
            sections=dict(SECTIONS), mois_annee=mois_annee, mailto=mailto, urls=urls,
            plain_text=plain_text, types_ressource=TYPES_RESSOURCE, sections_contribution=SECTIONS_CONTRIBUTION,
            suggestion_debut=DEBUT, suggestion_fin=FIN, schemas=SCHEMAS, champs=champs, pdf=pdf,
            forge=self.forge, csv_colonnes=CSV_COLUMNS, separateur_liste=LIST_SEPARATOR,
            pivots=[n for n in range(1, corpus.feuille_de_route.nombre_jalons + 1) if corpus.est_pivot(n)],
            langue=LANGUE, compte=compte, jauge=niveaux.jauge, chronologie=niveaux.chronologie,
            debut=niveaux.DEBUT, fin=niveaux.FIN, palette_css=lambda couleur: Markup(palette_css(couleur)),  # a checked #RRVVBB
            identite_champs=[(key, field.description) for key, field in Identite.model_fields.items()],
        )

    def absolute(self, url: str) -> str | None:
        return urls.absolute(self.site_url, url)

    def _resolver(self, page_url: str | None):
        """Written link targets to URLs: relative to `page_url`, or absolute (None: for print)."""
        def resolve(href: str) -> str | None:
            try:
                cible = parse_target(href)
            except LienInvalide:
                return None  # loading reports these; rendering only makes sure they never reach a page
            if cible.genre == "web":
                return cible.valeur
            # In a past version, a resource removed since, or a jalon the roadmap no longer has: its words
            # stay, unlinked (today's content is checked at loading and never gets here).
            if cible.genre == "ressource" and cible.valeur not in self.corpus.ressources:
                return None
            # A resource without an address: its entry would lead nowhere further, so its name stays plain text
            # (`jalons check` lists the addresses to give).
            if cible.genre == "ressource" and self.corpus.ressources[cible.valeur].url is None:
                return None
            if cible.genre == "jalon" and not 1 <= cible.valeur <= self.corpus.feuille_de_route.nombre_jalons:
                return None
            target = urls.jalon(cible.valeur) if cible.genre == "jalon" else urls.ressource(cible.valeur)
            return urls.relative(page_url, target) if page_url is not None else self.absolute(target)
        return resolve

    def render(self, template: str, page_url: str | None, **values) -> str:
        resolve = self._resolver(page_url)
        return self.env.get_template(template).render(
            page_url=page_url,
            t=lambda text: Markup(render_inline(text, resolve)),
            lien=lambda target: urls.relative(page_url, target),
            script=lambda name: Markup('<script src="{}" defer></script>').format(
                urls.relative(page_url, urls.script(name))),
            **values,
        )

    def page(self, template: str, page_url: str, source: Path | None = None, **values) -> GeneratedPage:
        parts = PageParts()
        html = self.render(template, page_url, front_matter=parts.set_front_matter, intertitre=parts.heading,
                           sur_cette_page=parts.summary, **values)
        html = _CELLS_APART.sub("\n", parts.with_summary(html).lstrip())
        searched = not (parts.meta.get("search") or {}).get("exclude")
        return GeneratedPage(html, parts.meta, parts.toc, source, typography.french_html(html), parts.title,
                             excluded_spans(html) if searched else None)

    @cached_property
    def _versions_shown(self) -> VersionPages:
        """Each fiche's versions that have a permanent page, with the fiche as it stood in each; and, for
        a version whose text is known but cannot be shown, why (said to the person building)."""
        pages = VersionPages({}, [])
        for numero, versions in self.historique.versions.items():
            pages.fiches[numero] = {}
            for version in versions:
                fiche = fiche_as_published(version, self.corpus)
                if isinstance(fiche, Jalon):
                    pages.fiches[numero][version.version] = fiche
                elif version.donnees is not None:
                    pages.warnings.append(f"jalon {numero}, version {version.version} : pas de page ({fiche})")
        return pages

    @property
    def version_warnings(self) -> list[str]:
        return self._versions_shown.warnings

    def _citation(self, jalon: Jalon) -> Citation:
        """The citation record of `jalon` as it stood in its version: only the current version has a PDF."""
        current = jalon.version == self.corpus.jalons[jalon.numero].version
        return citation_of(jalon, self.corpus, self.site_url, pdf=self.pdf and current)

    def _fiche(self, numero: int, shown: VersionPubliee | None = None) -> GeneratedPage:
        """The fiche of jalon `numero` at its address, or, with `shown`, at the permanent address of that
        version (the current one too), as it stood then."""
        versions = self.historique.versions.get(numero, [])
        current = versions[0] if versions else None
        if shown is None:
            jalon, url = self.corpus.jalons[numero], urls.jalon(numero)
        else:
            jalon, url = self._versions_shown.fiches[numero][shown.version], urls.version(numero, shown.version)
        source = self.corpus.jalon_sources[numero].path
        description = plain_text(jalon.enonce)
        passee = shown is not None and current is not None and shown.version != current.version
        citation = self._citation(jalon)
        jsonld = fiche_jsonld(jalon, self.corpus, shown or current, description, citation)
        # What changed since a past version: every later version's changes, newest first.
        depuis = [version for version in versions if version.version > shown.version] if passee else []
        return self.page("pages/fiche.html.j2", url, source if shown is None else None, jalon=jalon,
                         description=description, jsonld=jsonld,
                         adresse_version=shown, version_passee=passee, actuelle=current, depuis=depuis,
                         pages_versions=self._versions_shown.fiches.get(numero, {}), reference=reference_html(citation),
                         formats_citation=FORMATS, citation_meta=meta_values(meta_tags(citation)),
                         image_partage=self.absolute(urls.partage(numero)))

    def site_pages(self, workers: int = 1) -> dict[str, GeneratedPage]:
        """Every generated page: its source path in the docs tree, its HTML and parts, its content file; rendered
        in up to `workers` processes (site/parallel.py)."""
        jobs = self.page_jobs()
        return dict(zip(jobs, run_all(list(jobs.values()), workers)))

    def page_jobs(self) -> dict[str, Callable[[], GeneratedPage]]:
        """What renders each generated page, by its source path, in the order of their addresses."""
        simple = {
            urls.INDEX_JALONS: ("pages/index-jalons.html.j2", {"filtres": filter_choices(self.corpus)}),
            urls.RESSOURCES: ("pages/ressources.html.j2", {}),
            urls.PARTIES_PRENANTES: ("pages/parties-prenantes.html.j2", {}),
            urls.AVANCEMENT: ("pages/avancement.html.j2", {"avancement": self.corpus.avancement()}),
            urls.NOUVEAUTES: ("pages/nouveautes.html.j2", {"pages_versions": self._versions_shown.fiches}),
            urls.FORMAT: ("pages/format.html.j2", {}),
        }
        for partie in self.corpus.feuille_de_route.parties_prenantes:
            simple[urls.partie_prenante(partie.id)] = ("pages/partie-prenante.html.j2", {"partie": partie})
        # Every jalon has its page: its fiche, or « fiche à venir » with what is known of it.
        for numero in range(1, self.corpus.feuille_de_route.nombre_jalons + 1):
            if numero not in self.corpus.jalons:
                simple[urls.jalon(numero)] = ("pages/a-venir.html.j2", {"numero": numero})
        jobs = {url: partial(self.page, template, url, **values) for url, (template, values) in simple.items()}
        jobs[urls.DONNEES] = self._donnees
        jobs.update({urls.jalon(numero): partial(self._fiche, numero) for numero in self.corpus.jalons})
        jobs.update({urls.version(version.numero, version.version): partial(self._fiche, version.numero, version)
                     for versions in self.historique.versions.values() for version in versions
                     if version.version in self._versions_shown.fiches.get(version.numero, {})})
        return {urls.source_of(url): jobs[url] for url in sorted(jobs)}

    def _donnees(self) -> GeneratedPage:
        """The open data's page, its JSON-LD listing their files: made by the job, not before (see site/parallel.py)."""
        jsonld = dataset_jsonld(self.corpus, self._published_data_paths, self.site_url)
        return self.page("pages/donnees.html.j2", urls.DONNEES, jsonld=script_json(jsonld))

    @cached_property
    def _open_data(self) -> dict[str, str]:
        return open_data_files(self.corpus, self.graphe)

    @property
    def _published_data_paths(self) -> list[str]:
        """The files of /donnees/: the open data, its data package and the release's archive."""
        return [*self._open_data, DATAPACKAGE, ARCHIVE]

    def data_files(self) -> dict[str, str]:
        """Files published as they are: JSON Schemas, open data and its data package, the Atom feed,
        the citation files (the release's archive, which holds the PDFs, is made by `build_site`)."""
        files = {urls.schema(name): json_schema_text(name) for name in SCHEMAS}
        files.update(self._open_data)
        files[DATAPACKAGE] = datapackage(self.corpus, list(self._open_data), self.site_url)
        files[urls.FEED] = atom_feed(self.corpus, self.historique, self.site_url, self._versions_shown.fiches)
        textes = {numero: texte_complet(jalon) for numero, jalon in self.corpus.jalons.items()}
        files[urls.TEXTES_JALONS] = json.dumps(textes, ensure_ascii=False)
        for fiches in self._versions_shown.fiches.values():
            for jalon in fiches.values():
                files.update(downloads(self._citation(jalon)))
        return files

    @cached_property
    def _print_common(self) -> str:
        """What every print page is made from: the roadmap, the print templates, the site's address."""
        sources = [self.env.loader.get_source(self.env, name)[0] for name in PRINT_TEMPLATES]
        sources.append(Path(typography.__file__).read_text(encoding="utf-8"))  # its rules shape the PDF's text
        return json.dumps({"feuille": self.corpus.feuille_de_route.model_dump(mode="json"), "gabarits": sources,
                           "site_url": self.site_url}, ensure_ascii=False, sort_keys=True)

    def print_inputs(self, numero: int) -> str:
        """Everything the print page of a fiche is made from, as text (the PDF cache key)."""
        jalon = self.corpus.jalons[numero]
        evaluation = self.corpus.evaluation(numero)  # the level printed is the latest assessment's
        own = {"jalon": jalon.model_dump(mode="json"), "evaluation": asdict(evaluation) if evaluation else None,
               "ressources": {i: self.corpus.ressources[i].model_dump(mode="json") for i in jalon.ressources}}
        return self._print_common + json.dumps(own, ensure_ascii=False, sort_keys=True)

    def print_html(self, numero: int) -> str:
        """The fiche as a standalone HTML page for print (the PDF), links made absolute or dropped."""
        jalon = self.corpus.jalons[numero]
        return typography.french_html(self.render("print/fiche.html.j2", None, jalon=jalon,
                                                  adresse=self.absolute(urls.version(numero, jalon.version))))

    def addendum(self, src_uri: str) -> Addendum | None:
        """What a hand-written page shows after its own text, if anything (see ADDENDA)."""
        if src_uri not in ADDENDA:
            return None
        template, url = ADDENDA[src_uri]
        values = {"carte": carte(self.corpus, self.graphe)} if src_uri == "index.md" else {}
        blocks = _Blocks()
        return Addendum(self.render(template, url, brut=blocks, **values), tuple(blocks.kept))
