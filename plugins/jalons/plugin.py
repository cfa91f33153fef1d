"""The MkDocs plugin `jalons`: wires MkDocs events to loading, linking and rendering, nothing more."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files

from .errors import ContentErrors
from .linking import build_graph
from .loading import load_corpus
from .rendering import PageRenderer

# Package assets published with the site: (site path, file in the package's assets/).
STYLESHEET = "assets/stylesheets/jalons.css"
SCRIPT = "assets/javascripts/jalons-filtres.js"
ASSETS = {STYLESHEET: "jalons.css", SCRIPT: "jalons-filtres.js"}
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
        config.extra_css.append(STYLESHEET)
        config.extra_javascript.append(SCRIPT)
        return config

    def on_files(self, files: Files, config) -> Files:
        try:
            corpus = load_corpus(self.content_dir)
        except ContentErrors as exc:
            raise PluginError(exc.report()) from None
        self.renderer = PageRenderer(corpus, build_graph(corpus), self.template_dirs)
        for src_uri, markdown in self.renderer.site_pages().items():
            files.append(File.generated(config, src_uri, content=markdown))
        for site_path, asset in ASSETS.items():
            files.append(File.generated(config, site_path, abs_src_path=str(PACKAGE_DIR / "assets" / asset)))
        return files

    def on_page_markdown(self, markdown, page, config, files):
        if page.is_homepage:
            return markdown + self.renderer.home_addendum()
        return markdown

    def on_serve(self, server, config, builder):
        server.watch(str(self.content_dir))
        return server
