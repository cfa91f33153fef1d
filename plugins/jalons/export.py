"""`jalons export`: the whole site as a project that an engine without our plugin builds (Zensical).

Zensical, Material's successor, reads `mkdocs.yml` but runs no MkDocs plugin. The export is made from
the same entry point as the plugin (`site.build.build_site`) and written as:

- `mkdocs.yml`: the site's configuration (name, address, navigation, French, theme, stylesheet), without
  the `jalons` plugin, and the Markdown extensions the pages use;
- `docs/`: every page in Markdown (prose as Markdown, HTML only where Markdown cannot say it), with French
  typography already applied, and every data file, the feed, the scripts, the stylesheet and the PDFs;
- `overrides/`: the package's theme overrides, then the site's own (`custom_dir`), which win.

It is also a readable archive of the site: one Markdown file per page.
"""

from __future__ import annotations

import os
import posixpath
import shutil
from functools import partial
from pathlib import Path

import yaml

from .content.errors import JalonsError, display_path, french_os_error
from .site import urls
from .site.as_markdown import as_markdown
from .site.build import build_site
from .site.metadata import escaped_meta
from .site.pdf import SHARE_CACHE_DIR
from .site.parallel import available_processors
from .site.typography import french_markdown

PACKAGE_DIR = Path(__file__).parent
DOCS = "docs"
OVERRIDES = "overrides"
# What the exported pages need from Markdown: anchors as the plugin makes them (no « ¶ »), classes and
# anchors on paragraphs and list items, Markdown inside HTML containers, tables of hand-written pages.
MARKDOWN_EXTENSIONS = [{"toc": {"permalink": False}}, "tables", "attr_list", "md_in_html"]
# Theme overrides written for Material's markup only: Zensical's search has markup and a script of its own.
NOT_EXPORTED = ("search.html",)
# Settings copied as they are from the site's mkdocs.yml.
COPIED = ("site_name", "site_description", "site_author", "site_url", "repo_url", "repo_name", "copyright",
          "use_directory_urls", "nav", "extra", "extra_javascript", "validation")


class _ConfigLoader(yaml.SafeLoader):
    """mkdocs.yml as MkDocs reads it: `!ENV [NAME, default]` is the variable's value, or the default."""


def _env_tag(loader: _ConfigLoader, node: yaml.Node):
    names = loader.construct_sequence(node) if isinstance(node, yaml.SequenceNode) else [loader.construct_scalar(node)]
    *variables, default = names if len(names) > 1 else [*names, None]
    for variable in variables:
        if variable in os.environ:
            return yaml.safe_load(os.environ[variable])
    return default


_ConfigLoader.add_constructor("!ENV", _env_tag)


class ConfigError(JalonsError):
    """The site's mkdocs.yml cannot be read."""


def read_site_config(config_file: Path) -> dict:
    try:
        with config_file.open(encoding="utf-8") as stream:
            config = yaml.load(stream, Loader=_ConfigLoader)
    except OSError as exc:
        raise ConfigError(f"{display_path(config_file)} : configuration illisible ({french_os_error(exc)})") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f":{mark.line + 1}:{mark.column + 1}" if mark else ""
        raise ConfigError(f"{display_path(config_file)}{where} : configuration YAML illisible") from None
    if not isinstance(config, dict):
        raise ConfigError(f"{display_path(config_file)} : une table de clés (site_name: …) est attendue")
    if isinstance(config.get("theme"), str):
        config["theme"] = {"name": config["theme"]}  # `theme: material`, as MkDocs reads it
    problems = [f"« {key} » : {expected}" for key, (kind, expected) in SHAPES.items()
                if config.get(key) is not None and not isinstance(config[key], kind)]
    if not problems:  # the shapes are right: what they hold can be read
        problems += [f"« plugins » : « {plugin} » n'est ni un nom ni un nom suivi de ses réglages"
                     for plugin in config.get("plugins") or [] if not _plugin_name(plugin)]
        folders = {"docs_dir": config.get("docs_dir"), "theme.custom_dir": (config.get("theme") or {}).get("custom_dir")}
        problems += [f"« {key} » : un dossier du projet attendu ; trouvé : {folder}" for key, folder in folders.items()
                     if folder is not None and (not isinstance(folder, str) or not (config_file.parent / folder)
                                                .resolve().is_relative_to(config_file.parent.resolve()))]
    if problems:
        raise ConfigError(f"{display_path(config_file)} : " + " ; ".join(problems))
    return config


# The settings the export reads, and what each must be (MkDocs checks them too, but only when it builds).
SHAPES = {"theme": (dict, "un thème attendu (name: material)"), "plugins": (list, "une liste attendue"),
          "extra_css": (list, "une liste attendue"), "docs_dir": (str, "un dossier attendu"),
          "site_url": (str, "une adresse attendue"), "repo_url": (str, "une adresse attendue"),
          "edit_uri": (str, "un chemin attendu"), "extra": (dict, "des clés et leurs valeurs attendues")}


def _plugin_name(plugin) -> str | None:
    """A plugin's name: `search`, or `search: {lang: fr}` (one key, its settings)."""
    if isinstance(plugin, str):
        return plugin
    if isinstance(plugin, dict) and len(plugin) == 1 and isinstance(next(iter(plugin)), str):
        return next(iter(plugin))
    return None


def engine_config(config: dict, theme_extra: dict) -> dict:
    """The exported project's mkdocs.yml: the site's settings, without our plugin, and what the theme's
    templates would have had from it (`extra.jalons`)."""
    theme = dict(config.get("theme") or {})
    theme.update(custom_dir=OVERRIDES, variant="classic")  # Zensical's look closest to Material's
    plugins = [plugin for plugin in config.get("plugins") or [] if _plugin_name(plugin) != "jalons"]
    exported = {key: config[key] for key in COPIED if key in config}
    exported.update(docs_dir=DOCS, theme=theme, plugins=plugins, markdown_extensions=MARKDOWN_EXTENSIONS,
                    extra_css=[urls.STYLESHEET, *(config.get("extra_css") or [])],
                    extra={**(config.get("extra") or {}), "jalons": theme_extra})
    return exported


def _url_of(src_uri: str) -> str:
    """The address of a page from its Markdown file (`contribuer.md` → `contribuer/`), directory URLs."""
    stem = src_uri.removesuffix(".md")
    return "" if stem == "index" else stem.removesuffix("/index").removesuffix("index") + "/"


def _source_link(page_src: str, sources: dict[str, str], href: str) -> str:
    """A link between pages as a link between their Markdown files (`../25/` → `../25/index.md`), which
    engines resolve and check; web addresses, anchors alone and data files are left as they are."""
    path, hash_, anchor = href.partition("#")
    if not path or "://" in path or path.startswith(("/", "mailto:")):
        return href
    target = posixpath.normpath(posixpath.join(_url_of(page_src), path))
    target = "" if target == "." else target.rstrip("/") + "/"
    if target not in sources:
        return href  # a file (PDF, data), not a page
    relative = posixpath.relpath(sources[target], posixpath.dirname(page_src) or ".")
    return f"{relative}{hash_}{anchor}"


def _write(target: Path, content: str | bytes) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        target.write_bytes(content)
    else:
        target.write_text(content, encoding="utf-8")


def _copy(source: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, target)


def _head_escaped(text: str) -> str:
    """A hand-written page with the front matter values that reach <head> escaped, as the plugin escapes
    them for MkDocs (Zensical runs no plugin); the page checked already (content/front_matter.py)."""
    if not text.startswith("---\n") or "\n---\n" not in text[3:]:
        return text
    head, rest = text[4:].split("\n---\n", 1)
    meta = yaml.safe_load(head)
    if not isinstance(meta, dict):
        return text
    meta.update(escaped_meta(meta))
    return "---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False) + "---\n" + rest


def export_site(config_file: Path, content_dir: Path, destination: Path, pdf_cache_dir: Path | None) -> int:
    """Write the project under `destination`; return how many files were written."""
    config = read_site_config(config_file)
    project_dir = config_file.parent
    pages_dir = project_dir / config.get("docs_dir", "docs")
    forge = urls.Forge(project_dir, pages_dir, config.get("repo_url"), config.get("edit_uri"))
    custom_dir = (config.get("theme") or {}).get("custom_dir")
    template_dirs = [project_dir / custom_dir / "jalons"] if custom_dir else []  # as the plugin reads them
    site = build_site(content_dir, site_url=config.get("site_url"), template_dirs=template_dirs, forge=forge,
                      git_history=True, pdf_cache_dir=pdf_cache_dir, image_cache_dir=project_dir / SHARE_CACHE_DIR,
                      workers=available_processors())
    docs = destination / DOCS
    hand_written = {path.relative_to(pages_dir).as_posix(): path
                    for path in sorted(pages_dir.rglob("*")) if path.is_file()} if pages_dir.is_dir() else {}
    for relative, page in hand_written.items():
        if page.suffix == ".md":
            text = french_markdown(_head_escaped(page.read_text(encoding="utf-8")))
            addition = site.additions.get(relative)
            _write(docs / relative, text if addition is None else text + french_markdown(addition.whole))
        else:
            _copy(page, docs / relative)
    written = len(hand_written)
    sources = {_url_of(src_uri): src_uri for src_uri in [*site.pages, *hand_written] if src_uri.endswith(".md")}
    for src_uri, page in site.pages.items():
        markdown = as_markdown(page.shown, partial(_source_link, src_uri, sources))
        _write(docs / src_uri, page.front_matter + markdown)
        written += 1
    for site_path, text in site.data.items():
        _write(docs / site_path, text)
        written += 1
    for site_path, path in site.files.items():
        _copy(path, docs / site_path)
        written += 1
    overrides = destination / OVERRIDES
    shutil.copytree(PACKAGE_DIR / "theme", overrides, dirs_exist_ok=True, ignore=shutil.ignore_patterns(*NOT_EXPORTED))
    if custom_dir and (project_dir / custom_dir).is_dir():
        shutil.copytree(project_dir / custom_dir, overrides, dirs_exist_ok=True)
    _write(destination / "mkdocs.yml", yaml.safe_dump(engine_config(config, site.theme_extra), allow_unicode=True, sort_keys=False))
    return written + 1
