"""Every problem the YAML parser can report is said in French: the list is read from the installed PyYAML
(its C extension, where libyaml's messages are), so that a release adding a message fails here, not in
front of a contributor (PyYAML 6.0.4 added « exceeded maximum nesting depth »)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from jalons.content.yamlsource import TOO_DEEP, YamlReadError, _translate_problem, parse_yaml

UNTRANSLATED = "syntaxe YAML invalide à cet endroit"
# How libyaml's problems begin (scanner, parser, reader, composer).
PROBLEM = re.compile(r"^(?:found|did not find|could not|expected|exceeded|block sequence|mapping (?:keys|values)|"
                     r"control characters|incomplete|invalid|unexpected|anchor value|alias value) [a-zA-Z' ]")
# Strings of the extension that begin like a problem but are not one a reader can meet: the emitter's
# (writing YAML, which content reading never does) and Cython's own.
NOT_READING = re.compile(r"DOCUMENT-|STREAM-END|STREAM-START|SCALAR|%|&&|vtable|C function|index-sized")


def libyaml_problems() -> list[str]:
    extension = Path(yaml._yaml.__file__).read_bytes()
    strings = {match.decode() for match in re.findall(rb"[\x20-\x7e]{12,}", extension)}
    return sorted(text for text in strings if PROBLEM.match(text) and not NOT_READING.search(text))


def test_the_installed_parser_is_libyaml():
    assert hasattr(yaml, "CSafeLoader")  # the messages below are the C parser's
    assert len(libyaml_problems()) >= 40  # the list was read, not found empty


@pytest.mark.parametrize("problem", libyaml_problems())
def test_every_problem_of_the_parser_is_said_in_french(problem):
    message = _translate_problem(problem, "", None)
    assert not message.startswith(UNTRANSLATED), f"problème de PyYAML sans traduction : {problem!r}"


def test_an_unknown_problem_still_says_where_and_that_it_is_yaml():
    message = _translate_problem("found something new", "", None)
    assert message.startswith(UNTRANSLATED) and "« found something new »" in message


@pytest.mark.parametrize("text, expected", [
    ("a: [" * 2000, TOO_DEEP),
    ('a: "\\q"', "échappement « \\ » inconnu"),
    ("a: |0\n  b\n", "indicateur de bloc"),
    ("%FOO bar\n---\na: 1\n", "directive YAML"),
    ("a: !<tag:x b\n", "étiquette YAML"),
    ("a: &\n", "ancre"),
])
def test_parser_problems_reach_the_contributor_in_french(text, expected):
    with pytest.raises(YamlReadError) as caught:
        parse_yaml(Path("fiche.yml"), text)
    report = str(caught.value)
    assert expected in report and UNTRANSLATED not in report, report
