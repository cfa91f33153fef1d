"""The site's one entry point: everything it is made of, from the content folder, for any engine.

An engine (the MkDocs plugin, `jalons export` for Zensical, the tests) calls `build_site` and places what
it returns: generated pages with their table of contents, what hand-written pages get at their end, the
data files and feed, the stylesheet and scripts, the PDFs. Nothing here imports MkDocs, and nothing is
read that the caller did not ask for (git history only with `git_history=True`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from ..content.completeness import to_complete
from ..content.corpus import Corpus
from ..content.errors import ContentErrors
from ..content.front_matter import check_front_matter
from ..content.history import Historique, load_history
from ..content.layout import PAGES_DIR
from ..content.lock import recover_unless_editing
from ..content.linking import Graphe, build_graph
from ..content.loading import load_corpus
from . import urls
from .addresses import taken_addresses
from .datapackage import ARCHIVE, release_archive
from .identite import ASSETS_DIR, identity_files, theme_values
from .parallel import run_all, runs_apart
from .pdf import PdfJob, build_pdfs
from .rendering import ADDENDA, Addendum, GeneratedPage, PageRenderer


@dataclass(frozen=True)
class Site:
    corpus: Corpus
    graphe: Graphe
    historique: Historique
    pages: dict[str, GeneratedPage]  # generated pages, by their source path in the docs tree (`jalons/22/index.md`)
    additions: dict[str, Addendum]  # what a hand-written page shows after its own text, by its source path
    data: dict[str, str | bytes]  # files published as they are (JSON Schemas, open data, the feed, the release's archive), by site path
    files: dict[str, Path]  # files copied as they are (stylesheet, scripts, PDFs), by site path
    pdfs_made: int = 0  # how many PDFs had to be made (the others came from the cache)
    warnings: list[str] = field(default_factory=list)  # said to the person building, without failing
    theme_extra: dict = field(default_factory=dict)  # what the theme's templates read as `config.extra.jalons`
    # The permanent page of each fiche's current version, by its source path, with its fiche's: an engine may make
    # it from the fiche's finished page (site/derived.py) instead of rendering it through the theme again.
    current_versions: dict[str, str] = field(default_factory=dict)
    # With `versions_apart`: what renders each of those pages, not rendered here, and out of `pages`.
    version_jobs: dict[str, Callable[[], GeneratedPage]] = field(default_factory=dict)


def build_site(content_dir: Path, *, site_url: str | None = None, template_dirs: Iterable[Path] = (),
               forge: urls.Forge | None = None, git_history: bool = False, pdf_cache_dir: Path | None = None,
               theme_templates: set[str] | None = None, image_cache_dir: Path | None = None,
               template_cache_dir: Path | None = None, workers: int = 1, versions_apart: bool = False) -> Site:
    """The whole site from `content_dir`; raises `ContentErrors` with every error of the content at once.

    `theme_templates`: the theme's templates, which a hand-written page may name (`template:`), when known.
    `pdf_cache_dir`: where the PDF fiches are made and kept between builds (None: no PDF).
    `image_cache_dir`: where the share images are kept between builds (None: drawn each time).
    `template_cache_dir`: where the compiled templates are kept between builds (None: in memory only).
    `workers`: how many processes may render the generated pages (site/parallel.py).
    `versions_apart`: the current versions' pages left to the caller, not rendered (`Site.version_jobs`), when
    there are enough of them for another process (`parallel.runs_apart`): the MkDocs plugin renders them in a
    process of its own while MkDocs renders the other pages, and makes their pages there from their fiches'.
    """
    recovered = recover_unless_editing(content_dir)  # an edit killed half-way is undone before reading
    corpus = load_corpus(content_dir, partial(run_all, workers=workers))
    historique = load_history(corpus, use_git=git_history)
    pages_dir = forge.docs_dir if forge is not None else content_dir / PAGES_DIR
    front_matter = check_front_matter(pages_dir, theme_templates)
    if historique.erreurs:  # a fiche whose version goes back: its cited addresses would lie, so nothing is made
        raise ContentErrors(historique.erreurs + front_matter)
    graphe = build_graph(corpus)
    renderer = PageRenderer(corpus, graphe, historique, template_dirs, forge, site_url,
                            pdf=pdf_cache_dir is not None, template_cache_dir=template_cache_dir)
    files = {site_path: ASSETS_DIR / name for site_path, name in urls.assets().items()}
    page_jobs = renderer.page_jobs()
    current_versions = {version: urls.source_of(urls.jalon(numero)) for numero, jalon in corpus.jalons.items()
                        if (version := urls.source_of(urls.version(numero, jalon.version))) in page_jobs}
    apart = versions_apart and runs_apart(len(current_versions), workers)
    version_jobs = {src_uri: page_jobs[src_uri] for src_uri in current_versions} if apart else {}
    # The longest jobs first, in whichever process is free (site/parallel.py): the data files, the home page's map,
    # the pages that list many jalons, then those of one jalon; the pages then in the order of their addresses.
    rendered = sorted((src_uri for src_uri in page_jobs if src_uri not in version_jobs),
                      key=lambda src_uri: urls.of_one_jalon(urls.url_of(src_uri)))
    first = [renderer.data_files, *(partial(renderer.addendum, src_uri) for src_uri in ADDENDA)]
    results = run_all(first + [page_jobs[src_uri] for src_uri in rendered], workers)
    made_pages = dict(zip(rendered, results[len(first):]))
    ready = {src_uri: made_pages[src_uri] for src_uri in page_jobs if src_uri in made_pages}
    data: dict[str, str | bytes] = results[0] | identity_files(corpus, image_cache_dir)
    if (pages_dir / urls.FAVICON).is_file():
        del data[urls.FAVICON]  # an icon drawn by hand replaces the one drawn from the acronym, as any theme file
    made_here = {*data, ARCHIVE, *files, *(urls.pdf(numero) for numero in corpus.jalons)}
    hand_written = taken_addresses(pages_dir, page_jobs, made_here, set(ADDENDA)) + front_matter
    if hand_written:
        raise ContentErrors(hand_written)
    made = 0
    if pdf_cache_dir is not None:
        jobs = [PdfJob(numero, renderer.print_inputs(numero), partial(renderer.print_html, numero))
                for numero in corpus.jalons]
        result = build_pdfs(jobs, pdf_cache_dir)
        made = result.made
        files.update({urls.pdf(numero): path for numero, path in result.files.items()})
    warnings = [historique.avertissement] if historique.avertissement and git_history else []
    warnings += historique.avertissements
    warnings += [recovered] if recovered else []
    warnings += [str(missing) for missing in to_complete(corpus)]
    warnings += renderer.version_warnings
    data[ARCHIVE] = release_archive(data, files)
    return Site(corpus, graphe, historique, ready, dict(zip(ADDENDA, results[1:len(first)])), data, files,
                made, warnings, theme_values(corpus, site_url), current_versions, version_jobs)
