"""Property-based tests of the loader: whatever a fiche file holds, the result is a valid corpus that
renders, or FILE:LINE:COLUMN errors; never an uncaught exception."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest
from conftest import ROOT
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

from jalons.content.errors import ContentErrors
from jalons.content.linking import build_graph
from jalons.content.loading import load_corpus
from jalons.content.model import Jalon
from jalons.site.rendering import PageRenderer
from jalons.content.history import load_history

FICHE = "jalons/22-reseaux-de-collaboration.yml"
VALID = (ROOT / "content" / FICHE).read_text(encoding="utf-8")
SETTINGS = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@pytest.fixture(scope="module")
def content(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("robustesse") / "content"
    shutil.copytree(ROOT / "content", folder)
    return folder


def check(content: Path, data: bytes) -> None:
    path = content / FICHE
    path.write_bytes(data)
    try:
        corpus = load_corpus(content)
    except ContentErrors as exc:
        assert exc.errors
        for error in exc.errors:
            assert error.path.resolve().is_relative_to(content.resolve())
            assert error.line >= 1 and error.column >= 1 and error.message
        return
    # A corpus that loads also renders.
    pages = PageRenderer(corpus, build_graph(corpus), load_history(corpus, use_git=False)).site_pages()
    assert "jalons/22/index.md" in pages


scalars = st.one_of(st.none(), st.booleans(), st.integers(-10**6, 10**6), st.floats(allow_nan=False),
                    st.text(max_size=40), st.dates())
keys = st.one_of(st.sampled_from(list(Jalon.model_fields)), st.text(min_size=1, max_size=12))
values = st.recursive(scalars, lambda children: st.lists(children, max_size=4)
                      | st.dictionaries(keys, children, max_size=5), max_leaves=25)


def dump(value) -> bytes:
    stream = io.StringIO()
    YAML(typ="safe", pure=True).dump(value, stream)
    return stream.getvalue().encode("utf-8")


@SETTINGS
@given(document=st.dictionaries(keys, values, max_size=12))
def test_arbitrary_yaml_documents(content, document):
    check(content, dump(document))


@SETTINGS
@given(document=values)
def test_arbitrary_yaml_values(content, document):
    check(content, dump(document))


@SETTINGS
@given(raw=st.binary(max_size=300))
def test_arbitrary_bytes(content, raw):
    check(content, raw)


YAML_CHARACTERS = st.sampled_from(list(":-[]{}#&*!|>'\"%@`,?\t\n ") + ["\r\n", "\ufeff", "é", "😀", "jalon:99", "  - "])


@st.composite
def mutated(draw) -> bytes:
    text = VALID
    for _ in range(draw(st.integers(1, 4))):
        position = draw(st.integers(0, len(text)))
        action = draw(st.sampled_from(["insert", "delete", "duplicate-line", "swap-lines"]))
        if action == "insert":
            text = text[:position] + draw(YAML_CHARACTERS) + text[position:]
        elif action == "delete":
            text = text[:position] + text[position + draw(st.integers(1, 30)):]
        else:
            lines = text.split("\n")
            index = draw(st.integers(0, len(lines) - 2))
            if action == "duplicate-line":
                lines.insert(index, lines[index])
            else:
                lines[index], lines[index + 1] = lines[index + 1], lines[index]
            text = "\n".join(lines)
    return text.encode("utf-8")


@SETTINGS
@given(data=mutated())
def test_mutations_of_a_valid_fiche(content, data):
    check(content, data)


TEXT = st.lists(st.sampled_from(list("abcé ' \" .,:;?()-—«»\t0123456789 jalonJ#+%~^|{}=/@$*_[]<>&\\!`\n")
                                + ["\u00a0", "😀", "jalon 25", "[x](jalon:3)"]), max_size=40).map("".join)


@settings(max_examples=400, deadline=None)
@given(text=TEXT)
def test_plain_text_shortcut_renders_as_the_parser_does(text):
    from jalons.content import textmarkup

    parsed = textmarkup._parser.renderer.render(list(textmarkup._inline_tokens(text)), textmarkup._parser.options, {})
    assert textmarkup.render_inline(text, lambda href: href) == parsed
    assert textmarkup.link_targets(text) == [token.attrs["href"] for token in textmarkup._inline_tokens(text)
                                             if token.type == "link_open"]
