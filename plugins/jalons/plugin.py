"""The MkDocs plugin `jalons`: wires MkDocs events to loading, linking and rendering, nothing more."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files

from . import urls
from .errors import ContentErrors
from .linking import build_graph
from .loading import load_corpus
from .rendering import PageRenderer

# Package assets published with the site: (site path, file in the package's assets/).
STYLESHEET = "assets/stylesheets/jalons.css"
ASSETS = {
    STYLESHEET: "jalons.css",
    "assets/javascripts/jalons-filtres.js": "jalons-filtres.js",
    "assets/javascripts/jalons-contribuer.js": "jalons-contribuer.js",
}
PACKAGE_DIR = Path(__file__).parent


class JalonsConfig(base.Config):
    content_dir = c.Type(str, default="content")


class JalonsPlugin(BasePlugin[JalonsConfig]):
    def on_config(self, config):
        if not config.use_directory_urls:
            raise PluginError("jalons : les adresses publiques (/jalons/22/) exigent use_directory_urls: true")
        self.content_dir = Path(config.config_file_path).parent / self.config.content_dir
        custom_dir = config.theme.custom_dir
        self.template_dirs = [Path(custom_dir) / "jalons"] if custom_dir else []
        # The package's theme overrides come after the site's custom_dir, which can still override them.
        config.theme.dirs.insert(1 if custom_dir else 0, str(PACKAGE_DIR / "theme"))
        config.extra_css.append(STYLESHEET)
        config.extra_javascript.extend(path for path in ASSETS if path.endswith(".js"))
        return config

    def on_files(self, files: Files, config) -> Files:
        try:
            corpus = load_corpus(self.content_dir)
        except ContentErrors as exc:
            raise PluginError(exc.report()) from None
        forge = urls.Forge(Path(config.config_file_path).parent, Path(config.docs_dir),
                           config.repo_url, config.edit_uri)
        self.renderer = PageRenderer(corpus, build_graph(corpus), self.template_dirs, forge)
        for src_uri, page in self.renderer.site_pages().items():
            file = File.generated(config, src_uri, content=page.markdown)
            if page.source is not None:
                file.edit_uri = forge.edit_uri_of(page.source)  # « modifier » opens the fiche's YAML
            files.append(file)
        for src_uri, content in self.renderer.data_files().items():
            files.append(File.generated(config, src_uri, content=content))
        for site_path, asset in ASSETS.items():
            files.append(File.generated(config, site_path, abs_src_path=str(PACKAGE_DIR / "assets" / asset)))
        return files

    def on_page_markdown(self, markdown, page, config, files):
        addendum = self.renderer.addendum(page.file.src_uri)
        return markdown if addendum is None else markdown + addendum

    def on_serve(self, server, config, builder):
        server.watch(str(self.content_dir))
        return server
