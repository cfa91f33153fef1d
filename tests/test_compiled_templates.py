"""Templates compiled once and kept (site/compiled.py): a kept template is never one that changed since, nor
one compiled with other settings, and a damaged or unwritable cache only costs time."""

from __future__ import annotations

import pytest
from jinja2 import Environment, FileSystemLoader
from jinja2.bccache import bc_magic

from jalons.site import compiled
from jalons.site.compiled import CompiledTemplates


@pytest.fixture
def compiles(monkeypatch):
    """The names of the templates Jinja compiles from their source, in a process whose memory is empty."""
    monkeypatch.setattr(compiled, "_IN_MEMORY", {})
    names: list[str] = []
    compile_source = Environment.compile

    def counted(self, source, name=None, filename=None, *args, **kwargs):
        names.append(name)
        return compile_source(self, source, name, filename, *args, **kwargs)
    monkeypatch.setattr(Environment, "compile", counted)
    return names


def render(templates, cache, name="page.html", **settings) -> str:
    env = Environment(loader=FileSystemLoader(str(templates)), bytecode_cache=CompiledTemplates(cache), **settings)
    return env.get_template(name).render(nom="Québec")


def forget_the_process(monkeypatch):
    monkeypatch.setattr(compiled, "_IN_MEMORY", {})  # as a new `mkdocs build` starts


def test_a_later_build_reads_the_compiled_template_from_the_folder(tmp_path, compiles, monkeypatch):
    (tmp_path / "gabarits").mkdir()
    (tmp_path / "gabarits" / "page.html").write_text("Bonjour {{ nom }}", encoding="utf-8")
    assert render(tmp_path / "gabarits", tmp_path / "cache") == "Bonjour Québec"
    forget_the_process(monkeypatch)
    assert render(tmp_path / "gabarits", tmp_path / "cache") == "Bonjour Québec"
    assert compiles == ["page.html"]
    assert len(list((tmp_path / "cache").iterdir())) == 1  # no partial file left beside the entry


def test_a_template_changed_since_is_compiled_again(tmp_path, compiles, monkeypatch):
    page = tmp_path / "gabarits" / "page.html"
    page.parent.mkdir()
    page.write_text("Bonjour {{ nom }}", encoding="utf-8")
    render(page.parent, tmp_path / "cache")
    forget_the_process(monkeypatch)
    page.write_text("Au revoir {{ nom }}", encoding="utf-8")
    assert render(page.parent, tmp_path / "cache") == "Au revoir Québec"
    assert compiles == ["page.html", "page.html"]


def test_a_template_kept_with_other_settings_is_not_taken(tmp_path, compiles, monkeypatch):
    """The theme's environment is MkDocs', and other plugins may change its settings between builds."""
    (tmp_path / "gabarits").mkdir()
    (tmp_path / "gabarits" / "page.html").write_text("{% if nom %}\n{{ nom }}\n{% endif %}\n", encoding="utf-8")
    assert render(tmp_path / "gabarits", tmp_path / "cache") == "\nQuébec\n"
    assert render(tmp_path / "gabarits", tmp_path / "cache", trim_blocks=True) == "Québec\n"
    forget_the_process(monkeypatch)
    assert render(tmp_path / "gabarits", tmp_path / "cache", trim_blocks=True) == "Québec\n"
    assert render(tmp_path / "gabarits", tmp_path / "cache", autoescape=True) == "\nQuébec\n"
    assert compiles == ["page.html"] * 3


@pytest.mark.parametrize("damage", [b"", b"pas du code", bc_magic + b"pas du code", None],
                         ids=["vide", "illisible", "illisible-apres-l-entete", "tronque"])
def test_a_damaged_entry_is_compiled_again(tmp_path, compiles, monkeypatch, damage):
    (tmp_path / "gabarits").mkdir()
    (tmp_path / "gabarits" / "page.html").write_text("Bonjour {{ nom }}", encoding="utf-8")
    render(tmp_path / "gabarits", tmp_path / "cache")
    [entry] = (tmp_path / "cache").iterdir()
    kept = entry.read_bytes()
    entry.write_bytes(kept[:len(kept) // 2] if damage is None else damage)
    forget_the_process(monkeypatch)
    assert render(tmp_path / "gabarits", tmp_path / "cache") == "Bonjour Québec"
    assert compiles == ["page.html", "page.html"]
    assert entry.read_bytes() == kept  # and kept whole again


def test_a_folder_that_cannot_be_written_only_costs_time(tmp_path, compiles, monkeypatch):
    (tmp_path / "gabarits").mkdir()
    (tmp_path / "gabarits" / "page.html").write_text("Bonjour {{ nom }}", encoding="utf-8")
    (tmp_path / "cache").write_text("un fichier, pas un dossier", encoding="utf-8")
    assert render(tmp_path / "gabarits", tmp_path / "cache") == "Bonjour Québec"
    forget_the_process(monkeypatch)
    assert render(tmp_path / "gabarits", tmp_path / "cache") == "Bonjour Québec"
    assert compiles == ["page.html", "page.html"]
