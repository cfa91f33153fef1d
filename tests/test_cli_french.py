"""The `jalons` command speaks French, Click's own help and usage errors included."""

from __future__ import annotations

import ast
import contextlib
import re
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from jalons import clickfr
from jalons.cli import main

# Words of Click's English that must never reach a person.
ENGLISH = re.compile(r"Usage:|Show this|Show the version|default:|Error:|Try '|Missing|No such|Commands|COMMAND\b|"
                     r"\bARGS|does not exist|is not a valid|Invalid value|Got unexpected|requires an argument|"
                     r"integer|Did you mean|\bPATH\b|\bTEXT\b")


def commands(group: click.Group, prefix: tuple[str, ...] = ()):
    yield prefix
    for name, command in group.commands.items():
        if isinstance(command, click.Group):
            yield from commands(command, (*prefix, name))
        else:
            yield (*prefix, name)


@pytest.mark.parametrize("path", list(commands(main)), ids=lambda path: " ".join(path) or "jalons")
def test_every_help_is_french(path):
    result = CliRunner().invoke(main, [*path, "--help"], prog_name="jalons")
    assert result.exit_code == 0
    assert result.output.startswith("Utilisation\u00a0: jalons")
    assert ENGLISH.search(result.output) is None, result.output
    # French spacing: « : » never starts a line of the wrapped help, nor follows a word without its space.
    assert not any(line.lstrip().startswith((":", "»", ";", "?", "!")) for line in result.output.splitlines())
    assert re.search(r"\w:", result.output) is None, result.output


@pytest.mark.parametrize(("arguments", "expected"), [
    (["inconnue"], "Commande inconnue : « inconnue »."),
    (["check", "--bavard"], "Option inconnue : « --bavard »."),
    (["new"], "Argument manquant « NUMERO »."),
    (["new", "abc", "Titre"], "Valeur invalide pour « NUMERO » : « abc » n'est pas un entier valide."),
    (["import", "absent.pdf"], "Fichier « absent.pdf » introuvable."),
    (["new", "3", "Titre", "--content"], "L'option « --content » demande une valeur."),
    (["check", "a", "b"], "Argument en trop : b"),
])
def test_usage_errors_are_french(arguments, expected, tmp_path):
    with contextlib.chdir(tmp_path):  # « absent.pdf » is looked for in an empty folder
        result = CliRunner().invoke(main, arguments, prog_name="jalons")
    assert result.exit_code == 2
    assert "Erreur : " in result.output and expected in result.output, result.output
    assert ENGLISH.search(result.output) is None, result.output


def test_a_usage_error_points_to_the_help():
    result = CliRunner().invoke(main, ["inconnue"], prog_name="jalons")
    assert "Essayez « jalons --help » pour l'aide." in result.output


def test_version_is_french():
    result = CliRunner().invoke(main, ["--version"], prog_name="jalons")
    assert result.exit_code == 0 and result.output.startswith("jalons, version ")


# Messages of Click that only a programmer declaring a command can meet (never a person typing one).
FOR_PROGRAMMERS = {
    "Arguments take exactly one parameter declaration, got {length}: {decls}.",
    "Boolean option {decl!r} cannot use the same flag for true/false.",
    "Could not determine name for option with declarations {decls!r}",
    "DeprecationWarning: The command {name!r} is deprecated.{extra_message}",
    "DeprecationWarning: The {param_type} {name!r} is deprecated.{extra_message}",
    "Name '{name}' defined twice",
    "No options defined but a name was passed ({name}). Did you mean to declare an argument instead? Did you "
    "mean to pass '--{name}'?",
    "Unknown color {colour!r}",
    "Unknown standard stream '{name}'",
    "Windows error: {error}",
    "Couldn't detect Bash version, shell completion is not supported.",
    "Shell completion is not supported for Bash versions older than 4.4.",
    "d",  # a format letter, not a message
}
STRING = r'"(?:[^"\\]|\\.)*"\s*'


def click_messages() -> tuple[set[str], set[tuple[str, str]]]:
    """Every message Click's source passes to gettext: singular messages and (singular, plural) pairs."""
    singles, plurals = set(), set()
    for source in Path(click.__file__).parent.glob("*.py"):
        text = source.read_text(encoding="utf-8")
        for match in re.finditer(rf"(?<![\w.])_\(\s*((?:{STRING})+)", text):
            singles.add(ast.literal_eval(f"({match.group(1)})"))  # adjacent string literals, as Python joins them
        for match in re.finditer(rf"ngettext\(\s*((?:{STRING})+),\s*((?:{STRING})+)", text):
            plurals.add((ast.literal_eval(f"({match.group(1)})"), ast.literal_eval(f"({match.group(2)})")))
    return singles, plurals


def test_every_message_of_click_a_person_can_meet_is_translated():
    singles, plurals = click_messages()
    assert len(singles) > 40 and len(plurals) > 5  # the scan itself works
    assert sorted(singles - set(clickfr.FRENCH) - FOR_PROGRAMMERS) == []
    assert sorted(plurals - set(clickfr.FRENCH_PLURALS)) == []
