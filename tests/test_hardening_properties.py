"""Property-based tests of the editing commands: whatever a suggestion, an email or a fiche's text
holds, `suggestion apply` and `import` end in a French refusal that changed no file, or in a change
after which the whole content is valid; never in an uncaught exception."""

from __future__ import annotations

import json
import shutil
import tempfile
from pathlib import Path

import pytest
from conftest import FIXTURES, ROOT
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jalons.editing.applying import apply
from jalons.content.errors import ContentErrors
from jalons.editing.importing import FicheImportError, parse as parse_fiche, plan_import, write_import
from jalons.content.loading import content_before_edit, load_corpus
from jalons.content.suggestion import DEBUT, FIN, SECTION_KEYS, SuggestionError, parse_message, read_message
from jalons.editing.transaction import WriteError

SEED = (FIXTURES / "seed-jalon-22.txt").read_text(encoding="utf-8")
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
REFUSALS = (SuggestionError, ContentErrors, WriteError, FicheImportError)


def snapshot(content: Path) -> dict[str, bytes]:
    return {str(path.relative_to(content)): path.read_bytes() for path in sorted(content.rglob("*")) if path.is_file()}


class Content:
    """A fresh copy of the repository's content for each example."""

    def __enter__(self) -> Path:
        self.folder = tempfile.TemporaryDirectory()
        content = Path(self.folder.name) / "content"
        shutil.copytree(ROOT / "content", content)
        return content

    def __exit__(self, *exc) -> None:
        self.folder.cleanup()


def run_and_check(content: Path, command) -> None:
    before = snapshot(content)
    try:
        command()
    except REFUSALS as exc:
        assert str(exc)
        assert snapshot(content) == before, "a refused command changed a file"
        return
    load_corpus(content)  # a success leaves valid content (raises otherwise)


# ----------------------------------------------------------------------------------------------
# Suggestions

values = st.one_of(st.integers(-5, 80), st.text(max_size=60), st.booleans(), st.none(),
                   st.lists(st.text(max_size=5), max_size=3))
# Well-formed blocks with any text (most of them reach the fiche), and blocks with any values at all.
well_formed = st.fixed_dictionaries(
    {"jalon": st.just(22), "section": st.sampled_from(SECTION_KEYS),
     "proposition": st.one_of(st.text(min_size=1, max_size=200), st.sampled_from(
         ["En route", "Milieu des affaires et du travail", "CERIEC", "Auteur. 2024. Un titre", "Un frein."]))},
    optional={"version": st.sampled_from(["2025-07", "2024-01"]), "niveau": st.text(max_size=20)})
any_values = st.fixed_dictionaries(
    {"jalon": st.one_of(st.just(22), values), "section": st.one_of(st.sampled_from(SECTION_KEYS), values),
     "proposition": st.one_of(st.text(min_size=1, max_size=200), values)},
    optional={"version": values, "niveau": values, "nom": values, "pirate": values})
fields = st.one_of(well_formed, well_formed, any_values)


def block_text(data: dict) -> str:
    lines = [f"{key}: {json.dumps(value, ensure_ascii=False)}" for key, value in data.items()]
    return "\n".join([DEBUT, *lines, FIN])


@st.composite
def mutated_messages(draw) -> str:
    lines = block_text(draw(fields)).split("\n")
    for _ in range(draw(st.sampled_from([0, 0, 0, 1, 2, 3]))):
        kind = draw(st.sampled_from(["delete", "insert", "quote", "duplicate", "cut"]))
        index = draw(st.integers(0, len(lines) - 1))
        if kind == "delete" and len(lines) > 1:
            del lines[index]
        elif kind == "insert":
            lines.insert(index, draw(st.text(max_size=40)))
        elif kind == "quote":
            lines = ["> " + line for line in lines]
        elif kind == "duplicate":
            lines += lines[:index + 1]
        else:
            lines[index] = lines[index][: draw(st.integers(0, len(lines[index])))]
    return draw(st.text(max_size=30)) + "\n" + "\n".join(lines) + "\n" + draw(st.text(max_size=30))


@SETTINGS
@given(text=st.one_of(mutated_messages(), st.text(max_size=300)))
def test_suggestion_apply_on_any_message(text):
    with Content() as content:
        def command():
            suggestion, _warnings = parse_message(text)
            apply(suggestion, content)
        run_and_check(content, command)


@SETTINGS
@given(data=fields, charset=st.sampled_from(["utf-8", "iso-8859-1", "x-unknown", "us-ascii", None]),
       written_in=st.sampled_from(["utf-8", "latin-1", "cp1252"]), flowed=st.booleans())
def test_suggestion_apply_on_any_email(data, charset, written_in, flowed):
    body = "Bonjour,\n\n" + block_text(data) + "\n"
    header = "text/plain" + (f"; charset={charset}" if charset else "") + ("; format=flowed" if flowed else "")
    raw = ("From: a@example.org\r\nSubject: Fiche\r\nMIME-Version: 1.0\r\nContent-Type: " + header +
           "\r\nContent-Transfer-Encoding: 8bit\r\n\r\n").encode() + body.replace("\n", "\r\n").encode(written_in, "replace")
    with Content() as content:
        message = content.parent / "message.eml"
        message.write_bytes(raw)

        def command():
            text, _warnings = read_message(message)
            suggestion, _warnings = parse_message(text)
            apply(suggestion, content)
        run_and_check(content, command)


# ----------------------------------------------------------------------------------------------
# Import

SEED_LINES = SEED.splitlines()


@st.composite
def mutated_fiches(draw) -> str:
    lines = list(SEED_LINES)
    for _ in range(draw(st.integers(1, 6))):
        kind = draw(st.sampled_from(["delete", "insert", "duplicate", "replace", "wrap", "crlf"]))
        index = draw(st.integers(0, len(lines) - 1))
        if kind == "delete":
            del lines[index]
        elif kind == "insert":
            lines.insert(index, draw(st.text(max_size=80)))
        elif kind == "duplicate":
            lines.insert(index, lines[index])
        elif kind == "replace":
            lines[index] = draw(st.text(max_size=80))
        elif kind == "wrap" and len(lines[index]) > 10:
            cut = draw(st.integers(1, len(lines[index]) - 1))
            lines[index:index + 1] = [lines[index][:cut], lines[index][cut:]]
        elif kind == "crlf":
            lines = [line + "\r" for line in lines]
    return "\n".join(lines)


@SETTINGS
@given(text=st.one_of(mutated_fiches(), st.text(max_size=400)), force=st.booleans(),
       without_22=st.booleans())
def test_import_of_any_fiche_text(text, force, without_22):
    with Content() as content:
        if without_22:
            (content / "jalons" / "22-reseaux-de-collaboration.yml").unlink()

        def command():
            corpus = content_before_edit(content)
            levels = [level.libelle for level in corpus.feuille_de_route.echelle]
            write_import(plan_import(parse_fiche(text, levels), corpus), content, force)
        run_and_check(content, command)


@pytest.mark.parametrize("seed_variant", ["tel-quel", "sans-version"])
def test_the_seed_imports_or_is_refused_cleanly(seed_variant):
    """The two ends the properties above explore, written out: a success, then a refusal."""
    text = SEED if seed_variant == "tel-quel" else SEED.replace("Version: juillet 2025", "")
    with Content() as content:
        (content / "jalons" / "22-reseaux-de-collaboration.yml").unlink()
        before = snapshot(content)
        corpus = content_before_edit(content)
        plan = plan_import(parse_fiche(text, [n.libelle for n in corpus.feuille_de_route.echelle]), corpus)
        if seed_variant == "tel-quel":
            write_import(plan, content, False)
            assert 22 in load_corpus(content).jalons
        else:
            with pytest.raises(ContentErrors):
                write_import(plan, content, False)
            assert snapshot(content) == before
