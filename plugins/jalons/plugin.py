"""The MkDocs plugin `jalons`: wires MkDocs events to the site's entry point (`site.build`), nothing more."""

from __future__ import annotations

import gc
import os
import re
import sys
from functools import cached_property, partial
from pathlib import Path

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.base import ValidationError
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from .site import urls
from .content.errors import JalonsError, and_others, french_os_error
from .content.history import last_commit_epoch
from .content.validation import describe
from .site.background import BackgroundWriter, WrittenApart
from .site.derived import Version, VersionRequest, derive_apart, toc_anchors, underivable, version_page
from .site.inplace import InPlace
from .site.markup_fixes import fix_material_markup
from .site.metadata import escaped_meta
from .site.build import build_site
from .site.compiled import TEMPLATE_CACHE_DIR, CompiledTemplates
from .site.parallel import Companion, available_processors, processes_for, runs_apart
from .site.pdf import PDF_CACHE_DIR, SHARE_CACHE_DIR
from .site.rendering import GeneratedPage
from .site.searchview import search_view
from .site.serve_error import content_error_page
from .site.typography import french_html, french_toc

log = get_plugin_logger(__name__)
PACKAGE_DIR = Path(__file__).parent


def theme_templates(theme_dirs: list[str]) -> set[str]:
    """The templates a page may name in its front matter (`template: main.html`): the theme's and ours."""
    return {path.relative_to(folder).as_posix() for folder in map(Path, theme_dirs) for path in folder.rglob("*.html")}


class WrittenInBackground(File):
    """A file made here, that MkDocs' `copy_static_files` hands to a `BackgroundWriter`, or that is being written
    apart from the start (`writer` None: site/background.WrittenApart), MkDocs' asking for it noted."""

    writer: BackgroundWriter | None
    asked = False

    def copy_file(self, dirty: bool = False) -> None:
        self.asked = True
        if self.writer is not None:
            self.writer.submit(self.dest_uri, lambda: File.copy_file(self, dirty))


ID_ATTRIBUTE = re.compile(r'\sid="([^"]*)"')


class MadePage(Page):
    """A page that build_site made, handed to MkDocs as it is: its metadata, HTML and table of contents, rather than
    its front matter read again as YAML and an empty Markdown document put through every extension (what MkDocs
    does with any page, most of its time on these)."""

    def __init__(self, file: File, config, made: GeneratedPage) -> None:
        self.made = made
        super().__init__(None, file, config)

    def read_source(self, config) -> None:
        if config.plugins.events["page_read_source"]:  # another plugin gives the source: read as MkDocs does
            super().read_source(config)
        else:
            self.markdown, self.meta = self.made.html, dict(self.made.meta)

    def render(self, config, files) -> None:
        self.content = ""  # what the empty Markdown on_page_markdown gave back would make; on_page_content fills it
        self.toc = get_toc(self.made.toc)

    @cached_property
    def present_anchor_ids(self) -> set[str]:
        """What a hand-written page's link may point to (`jalons/22/index.md#leviers`), checked by MkDocs."""
        return set(ID_ATTRIBUTE.findall(self.made.html))


def nav_paths(nav: object) -> set[str]:
    """The pages the navigation of mkdocs.yml names (MkDocs gives each the title the navigation gives it)."""
    if isinstance(nav, str):
        return {nav.lstrip("/")}
    items = nav.values() if isinstance(nav, dict) else nav if isinstance(nav, list) else ()
    return set().union(*map(nav_paths, items))


class Option(c.Type):
    """A setting of the plugin in mkdocs.yml (or by an environment variable, `pdf: !ENV [JALONS_PDF, true]`),
    whose wrong value is said in French, as the content's are."""

    def __init__(self, type_: type, expected: str, minimum: int | None = None, **kwargs) -> None:
        super().__init__(type_, **kwargs)
        self.expected = expected
        self.minimum = minimum

    def run_validation(self, value: object):
        right_type = isinstance(value, self._type) and (self._type is bool or not isinstance(value, bool))
        if right_type and (self.minimum is None or value >= self.minimum):
            return value
        raise ValidationError(f"valeur attendue : {self.expected} ; trouvé : {describe(value)}")


YES_OR_NO = "true ou false"


class JalonsConfig(base.Config):
    content_dir = Option(str, "le dossier du contenu (un texte)", default="content")
    pdf = Option(bool, YES_OR_NO, default=True)  # off for quick local work: `pdf: false`
    pdf_cache_dir = Option(str, "le dossier des PDF (un texte)", default=PDF_CACHE_DIR)
    git_history = Option(bool, YES_OR_NO, default=True)
    # The permanent page of each fiche's current version made from the fiche's finished page (site/derived.py);
    # false: rendered through the theme as any page (what the tests compare it with).
    derive_versions = Option(bool, YES_OR_NO, default=True)
    # How many processes render the generated pages (site/parallel.py); 0: one per processor. While serving, one.
    processus = Option(int, "un nombre de processus, 0 ou plus (0 : un par processeur)", minimum=0, default=0)


class JalonsPlugin(BasePlugin[JalonsConfig]):
    serving = False
    dirty = False
    in_place: InPlace | None = None  # this build's site folder, rewritten in place
    written_apart: WrittenApart | None = None  # this build's files, being written by another process
    versions_apart: Companion | None = None  # the process making the current versions' pages (site/derived.py)
    asked: VersionRequest | None = None  # the last fiche's, sent once MkDocs has written its page
    content_error: str | None = None  # while serving: the report of the content's errors, shown instead of pages

    def __init__(self):
        super().__init__()
        self.writer = BackgroundWriter()

    def on_startup(self, *, command, dirty):
        self.serving = command == "serve"
        self.dirty = dirty  # MkDocs then empties nothing

    def on_pre_build(self, config):
        site_dir = Path(config.site_dir)
        if site_dir.exists() and not site_dir.is_dir():  # MkDocs would stop on it with a traceback
            raise PluginError(f"jalons : {site_dir} devrait être le dossier du site, et c'est un fichier : "
                              "déplacez-le, ou nommez un autre dossier (site_dir dans mkdocs.yml, ou --site-dir)")
        # The site folder rewritten in place rather than emptied by MkDocs and made again (site/inplace.py).
        self.in_place = None if self.serving or self.dirty else InPlace.set_aside(site_dir)
        if not self.serving:
            gc.freeze()  # what is there (modules, the configuration) lives to the end of the build: see on_files

    def on_shutdown(self):
        self._discard()

    def _discard(self) -> None:
        """After a build that stopped: nothing left writing into the site folder, no process left rendering."""
        self.writer.discard()
        if self.written_apart is not None:
            self.written_apart.discard()
            self.written_apart = None
        self.asked = None
        if self.versions_apart is not None:
            self.versions_apart.close()
            self.versions_apart = None

    def on_config(self, config):
        if not config.use_directory_urls:
            raise PluginError("jalons : les adresses publiques (/jalons/22/) exigent use_directory_urls: true")
        self.project_dir = Path(config.config_file_path).parent
        self.content_dir = self.project_dir / self.config.content_dir
        custom_dir = config.theme.custom_dir
        self.template_dirs = [Path(custom_dir) / "jalons"] if custom_dir else []
        self.marked_section = None  # the navigation's entry marked for the page being rendered
        # The package's theme overrides come after the site's custom_dir, which can still override them.
        config.theme.dirs.insert(1 if custom_dir else 0, str(PACKAGE_DIR / "theme"))
        self.theme_templates = theme_templates(config.theme.dirs)  # once, not at every rebuild of `serve`
        # The search plugin before this one reads a generated page's content before it is complete (searchview.py).
        names = list(config.plugins)
        ours = next(name for name, plugin in config.plugins.items() if plugin is self)
        self.search_reads_first = any(name.endswith("search") for name in names[:names.index(ours)])
        config.extra_css.append(urls.STYLESHEET)
        # Scripts are not added to every page: each page that needs one loads it (see rendering.script).
        if "SOURCE_DATE_EPOCH" not in os.environ:
            # Two builds of one commit are byte-identical: MkDocs dates the build by this variable.
            epoch = last_commit_epoch(self.project_dir)
            if epoch is not None:
                os.environ["SOURCE_DATE_EPOCH"] = str(epoch)
        return config

    def on_files(self, files: Files, config) -> Files:
        if self.in_place is not None:
            self.in_place.back()  # MkDocs is done emptying it
        forge = urls.Forge(self.project_dir, Path(config.docs_dir), config.repo_url, config.edit_uri)
        pdf_cache = self.project_dir / self.config.pdf_cache_dir if self.config.pdf else None
        self.content_error = None
        self.search_views = {}  # by page, what was set aside from the search plugin's view (site/searchview.py)
        workers = 1 if self.serving else (self.config.processus or available_processors())
        # While serving, the public address all the same: what the PDFs print, and what their cache is keyed by.
        site_url = (urls.configured_site_url(Path(config.config_file_path)) or config.site_url) if self.serving \
            else config.site_url
        try:
            self.site = build_site(self.content_dir, site_url=site_url, template_dirs=self.template_dirs,
                                   forge=forge, git_history=self.config.git_history, pdf_cache_dir=pdf_cache,
                                   theme_templates=self.theme_templates,
                                   image_cache_dir=self.project_dir / SHARE_CACHE_DIR,
                                   template_cache_dir=self.project_dir / TEMPLATE_CACHE_DIR,
                                   # While serving, in this process: the server's threads are not to be forked.
                                   workers=workers,
                                   # The current versions' pages: rendered, made from their fiches' pages and
                                   # written by a process of their own during MkDocs' page loop (derived.py).
                                   versions_apart=self.config.derive_versions and not self.serving)
        except JalonsError as exc:  # content errors, all at once; any other error of ours, said in French
            if not self.serving:
                raise PluginError(exc.report()) from None
            # While serving, a failed build would leave the reader's browser waiting: the build goes on, and
            # every page becomes the report, until the files are fixed. Said on stderr, not through MkDocs'
            # log, so that `serve --strict` does not abort the build and bring the wait back.
            self.content_error = exc.report()
            print(f"Erreurs dans le contenu (le navigateur les montre) :\n{self.content_error}", file=sys.stderr)
            return files
        config.extra["jalons"] = self.site.theme_extra  # the footer's licence and addresses, the share image
        if not self.serving:
            # What is there now lives to the end of the build (the content, the pages, MkDocs' files): left out of
            # the collector's rounds, which would go over it again and again (a tenth of a second at 500 fiches),
            # and out of the memory the processes forked from now on share with this one. Back at its end (a
            # program that builds again in the same process collects it then); while serving, not frozen at all.
            gc.freeze()
        generated = len(self.site.pages) + len(self.site.version_jobs)
        log.info("%d pages générées, rendues dans %d processus", generated, processes_for(generated, workers))
        for warning in self.site.warnings:
            log.info("Avertissement (sans effet sur la construction) : %s", warning)
        # Each fiche's page, with the current version's page to make from it once it is finished.
        self.derived = {fiche: version for version, fiche in self.site.current_versions.items()} \
            if self.config.derive_versions else {}
        skipped = set(self.derived.values())
        named = nav_paths(config.nav or [])
        for src_uri, page in self.site.pages.items():
            if src_uri in skipped:
                continue
            # Out of the navigation on purpose (the index pages list them): no « not included in the nav »
            # line for each; those the nav names are still in it.
            file = File.generated(config, src_uri, content=page.markdown, inclusion=InclusionLevel.NOT_IN_NAV)
            if page.source is not None:
                file.edit_uri = forge.edit_uri_of(page.source)  # « modifier » opens the fiche's YAML
            if src_uri not in named:  # those are MkDocs' own pages, with the navigation's title
                MadePage(file, config, page)
            files.append(file)
        made = [WrittenInBackground.generated(config, site_path, content=content)
                for site_path, content in self.site.data.items()]
        made += [WrittenInBackground.generated(config, site_path, abs_src_path=str(path))
                 for site_path, path in self.site.files.items()]
        for file in made:
            theme_file = files.get_file_from_path(file.src_uri)
            if theme_file is not None:
                files.remove(theme_file)  # the favicon drawn from the identity, in place of the theme's
            files.append(file)
        # Written from now on by another process (see site/background.py), unless the build runs in one.
        apart = not self.serving and runs_apart(len(made), workers)
        for file in made:
            file.writer = None if apart else self.writer
        self.written_apart = WrittenApart({file.dest_uri: partial(File.copy_file, file) for file in made}) \
            if apart else None
        self.made = made
        if self.site.version_jobs:  # rendered, then made from their fiches' pages, by a process of their own
            self.versions_apart = Companion(partial(derive_apart, versions=self.site.version_jobs,
                                                    fiches=self.site.pages))
        if self.config.pdf:
            log.info("PDF : %d fait(s), %d repris du cache", self.site.pdfs_made,
                     len(self.site.corpus.jalons) - self.site.pdfs_made)
        return files

    def on_env(self, env, config, files):
        self.files = files  # as MkDocs will copy them
        if env.bytecode_cache is None:  # the theme's templates too, unless another plugin keeps them
            env.bytecode_cache = CompiledTemplates(self.project_dir / TEMPLATE_CACHE_DIR)
        return env

    def on_page_markdown(self, markdown, page, config, files):
        if self.content_error is not None:
            return ""  # the page will be the report: its links to pages not built are not checked
        if page.file.src_uri in self.site.pages:
            return ""  # already HTML: not read again as Markdown (on_page_content hands it over)
        # A hand-written page's title and description go into <head> as the generated pages' do: escaped
        # here, once, as metadata.front_matter_values escapes those (the theme writes them as they are).
        page.meta.update(escaped_meta(page.meta))
        addition = self.site.additions.get(page.file.src_uri)
        return markdown if addition is None else markdown + addition.markdown

    def on_page_content(self, html, page, config, files):
        if self.content_error is not None:
            return html
        generated = self.site.pages.get(page.file.src_uri)
        if generated is None:
            return self._with_blocks(html, page)
        page.toc = get_toc(generated.toc)
        if not self.search_reads_first or generated.search_spans is None:  # a page the search does not index
            return generated.html
        # What the search plugin indexes: the page without what it leaves out, put back in on_page_context.
        self.search_views[page.file.src_uri] = view = search_view(generated.html, generated.search_spans)
        return view.html

    def _with_blocks(self, html: str, page) -> str:
        """A hand-written page with the blocks of HTML its addendum kept apart from Markdown (rendering.Addendum)."""
        addition = self.site.additions.get(page.file.src_uri)
        if addition is None or not addition.blocks:
            return html
        restored = addition.restored(html)
        if restored is None:
            raise PluginError(f"jalons : {page.file.src_uri} : un autre plugin a retiré les commentaires "
                              "« jalons-bloc » qui marquent la place de ce que jalons ajoute à la page ; la page "
                              "ne peut être faite sans eux")
        return restored

    def on_page_context(self, context, page, config, nav):
        # A page out of the navigation (a fiche) marks its section there (« Jalons ») while it is rendered.
        self.marked_section = None
        if page not in nav.pages:
            by_url = {item.url: item for item in nav.pages}
            section = urls.section_of(page.url, by_url)
            if section is not None:
                self.marked_section = by_url[section]
                self.marked_section.active = True
        if self.content_error is None:
            generated = self.site.pages.get(page.file.src_uri)
            view = self.search_views.pop(page.file.src_uri, None)
            if view is not None:  # whole again, the search plugin done with it
                restored = view.restored(page.content)
                if restored is None:
                    log.warning("%s : un autre plugin a retiré ou copié les commentaires qui marquent ce que la "
                                "recherche ne lit pas ; la page est publiée telle que jalons l'a faite, sans ses "
                                "modifications", page.file.src_uri)
                    restored = generated.html
                page.content = restored
            # French spacing for what readers see of the page, once the search plugin (before this one in
            # mkdocs.yml) has indexed its source text: its content and its table of contents, not the whole
            # page the theme will make around them (most of its markup, and most of the cost). A generated
            # page no other plugin changed has it already (build_site made it, in several processes).
            unchanged = generated is not None and page.content == generated.html
            page.content = generated.shown if unchanged else french_html(page.content)
            french_toc(page.toc)
            if page.title:
                page.title = french_html(page.title)  # the header's title, also of a page titled by its H1
        return context

    def on_post_page(self, output, page, config):
        if self.content_error is not None:
            return content_error_page(self.content_error, config.site_name)
        if self.marked_section is not None:
            self.marked_section.active = False
        output = fix_material_markup(output)
        self._send_asked()  # the previous page is written by now
        version_src = self.derived.get(page.file.src_uri)
        if version_src is not None and self.versions_apart is not None:
            fiche = self.site.pages[page.file.src_uri]
            url = urls.url_of(version_src)
            self.asked = VersionRequest(version_src, page.file.src_uri, page.file.abs_dest_path,
                                        None if page.content == fiche.shown else page.content, page.meta["title"],
                                        page.canonical_url, toc_anchors(page.toc), url,
                                        urls.absolute(config.site_url, url),
                                        str(Path(config.site_dir) / url / "index.html"))
        elif version_src is not None:
            self._write_version_page(output, page, version_src, config)
        return output

    def _send_asked(self) -> None:
        if self.asked is not None:
            self.versions_apart.send(self.asked)
            self.asked = None

    def _write_version_page(self, output, page, version_src: str, config) -> None:
        generated = self.site.pages[version_src]
        url = urls.url_of(version_src)
        version = Version(generated.shown, generated.title,
                          urls.absolute(config.site_url, url), toc_anchors(generated.toc))
        made = version_page(output, page.content, page.meta["title"], page.canonical_url, toc_anchors(page.toc),
                            version)
        if made is None:
            raise PluginError(underivable(url))
        target = Path(config.site_dir) / url / "index.html"

        def write():
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(made, encoding="utf-8")
        self.writer.submit(f"{url}index.html", write)

    @event_priority(100)  # before any other plugin's, which may read what was written
    def on_post_build(self, config):
        gc.unfreeze()
        try:
            if self.versions_apart is not None:
                self._send_asked()  # the last page is written
                self.versions_apart.send(None)
                versions_apart, self.versions_apart = self.versions_apart, None
                failures = versions_apart.result()
                if failures:  # said once the other files are written (or, failing, by on_build_error)
                    raise JalonsError(failures[0] + and_others(failures))
            self.writer.wait()
            if self.written_apart is not None:
                self.written_apart.wait()
                self.written_apart = None
                self._as_mkdocs_copied()
            in_place, self.in_place = self.in_place, None
            if in_place is not None:
                in_place.sweep()  # the previous build's files that this one did not write
        except JalonsError as exc:
            raise PluginError(str(exc)) from None
        except OSError as exc:
            raise PluginError(f"jalons : le dossier du site n'a pu être mis à jour ({exc.filename}) : "
                              f"{french_os_error(exc)}") from None

    def _as_mkdocs_copied(self) -> None:
        """The site as MkDocs would have left it, for the files written apart that it did not ask for: those
        another plugin removed or replaced, or `exclude_docs` excluded."""
        unasked = [file for file in self.made if not file.asked]
        copied = {file.dest_uri: file for file in self.files
                  if not file.is_documentation_page() and InclusionLevel.is_included(file.inclusion)}
        for file in unasked:
            try:
                Path(file.abs_dest_path).unlink(missing_ok=True)
                replacing = copied.get(file.dest_uri)
                if replacing is not None and replacing is not file:
                    replacing.copy_file()
            except OSError as exc:
                raise JalonsError(f"jalons : le fichier {file.dest_uri} n'a pu être remplacé : "
                                  f"{french_os_error(exc)}") from None

    def on_build_error(self, error):
        gc.unfreeze()
        self._discard()
        in_place, self.in_place = self.in_place, None
        if in_place is not None:
            in_place.restore()  # if nothing was written yet, the site folder as it was

    def on_post_template(self, output_content, template_name, config):
        if not template_name.endswith(".html"):
            return output_content
        if self.content_error is not None:
            return content_error_page(self.content_error, config.site_name)  # 404.html: every other address
        return french_html(fix_material_markup(output_content))  # 404.html

    def on_serve(self, server, config, builder):
        server.watch(str(self.content_dir))
        return server
