"""Click's own messages in French, for the `jalons` command: help, defaults, usage errors.

Click marks its messages for gettext but ships no translations, and gettext would choose the language
from the machine's locale (often C in CI). `install()` gives Click's modules a French lookup instead.
Only messages a person can meet are translated; a test lists Click's messages and fails if a new one
appears, so that a Click upgrade never brings English back unnoticed.
"""

from __future__ import annotations

import importlib

from .site.typography import french

FRENCH = {
    # Help and version
    # Click writes « : » right after a heading: the no-break space French puts before it ends the heading.
    "Usage:": "Utilisation\u00a0:",
    "Options": "Options\u00a0",
    "Commands": "Commandes\u00a0",
    "Positional arguments": "Arguments\u00a0",
    "Show this message and exit.": "Affiche cette aide et s'arrête.",
    "Show the version and exit.": "Affiche la version et s'arrête.",
    "%(prog)s, version %(version)s": "%(prog)s, version %(version)s",
    "default: {default}": "par défaut : {default}",
    "env var: {var}": "variable d'environnement : {var}",
    "(dynamic)": "(calculé)",
    "deprecated": "obsolète",
    "Confirm the action without prompting.": "Confirme l'action sans la demander.",
    "Do you want to continue?": "Voulez-vous continuer ?",
    # Usage errors
    "Error: {message}": "Erreur : {message}",
    "Try '{command} {option}' for help.": "Essayez « {command} {option} » pour l'aide.",
    "Missing command.": "Commande manquante.",
    "No such command {name!r}.": "Commande inconnue : « {name} ».",
    "No such option {name!r}.": "Option inconnue : « {name} ».",
    "Missing argument": "Argument manquant",
    "Missing option": "Option manquante",
    "Missing parameter": "Paramètre manquant",
    "Missing parameter: {param_name}": "Paramètre manquant : {param_name}",
    "Missing {param_type}": "{param_type} manquant",
    "Invalid value for {param_hint}: {message}": "Valeur invalide pour {param_hint} : {message}",
    "Invalid value: {message}": "Valeur invalide : {message}",
    "Value must be an iterable.": "La valeur doit être une liste.",
    "Could not open file {filename!r}: {message}": "Impossible d'ouvrir le fichier « {filename} » : {message}",
    "unknown error": "erreur inconnue",
    "Aborted!": "Interrompu.",
    "Option {name!r} does not take a value.": "L'option « {name} » ne prend pas de valeur.",
    "Argument {name!r} takes {nargs} values.": "L'argument « {name} » prend {nargs} valeurs.",
    "Invalid start character for option ({option})": "Caractère initial invalide pour une option ({option})",
    # Values
    "file": "Fichier",
    "directory": "Dossier",
    "path": "Chemin",
    "{name} {filename!r} does not exist.": "{name} « {filename} » introuvable.",
    "{name} {filename!r} is a file.": "{name} « {filename} » est un fichier, pas un dossier.",
    "{name} {filename!r} is a directory.": "{name} « {filename} » est un dossier, pas un fichier.",
    "{name} {filename!r} is not readable.": "{name} « {filename} » illisible (droits insuffisants).",
    "{name} {filename!r} is not writable.": "{name} « {filename} » non modifiable (droits insuffisants).",
    "{name} {filename!r} is not executable.": "{name} « {filename} » non exécutable.",
    "{value!r} is not a valid {number_type}.": "« {value} » n'est pas un {number_type} valide.",
    "{value} is not in the range {range}.": "{value} n'est pas dans l'intervalle {range}.",
    "{value!r} is not a valid boolean. Recognized values: {states}":
        "« {value} » n'est pas une valeur oui/non. Valeurs reconnues : {states}",
    "{value!r} is not a valid UUID.": "« {value} » n'est pas un UUID valide.",
    "Choice({choices})": "Choix({choices})",
    "Choose from:\n\t{choices}": "Choisissez parmi :\n\t{choices}",
    # Prompts
    "Error: invalid input": "Erreur : saisie invalide",
    "Error: The two entered values do not match.": "Erreur : les deux valeurs saisies diffèrent.",
    "Repeat for confirmation": "Répétez pour confirmer",
    "Press any key to continue...": "Appuyez sur une touche pour continuer…",
    "{editor}: Editing failed": "{editor} : échec de l'édition",
    "{editor}: Editing failed: {e}": "{editor} : échec de l'édition : {e}",
}

FRENCH_PLURALS = {  # (singular, plural) -> (singulier, pluriel)
    ("Got unexpected extra argument ({args})", "Got unexpected extra arguments ({args})"):
        ("Argument en trop : {args}", "Arguments en trop : {args}"),
    ("Takes {nargs} values but 1 was given.", "Takes {nargs} values but {len} were given."):
        ("Prend {nargs} valeurs, mais une seule a été donnée.", "Prend {nargs} valeurs, mais {len} ont été données."),
    ("Option {name!r} requires an argument.", "Option {name!r} requires {nargs} arguments."):
        ("L'option « {name} » demande une valeur.", "L'option « {name} » demande {nargs} valeurs."),
    ("Did you mean {possibility}?", "(Did you mean one of: {possibilities}?)"):
        ("Vouliez-vous dire {possibility} ?", "(Vouliez-vous dire l'une de : {possibilities} ?)"),
    ("{value!r} is not {choice}.", "{value!r} is not one of {choices}."):
        ("« {value} » n'est pas {choice}.", "« {value} » n'est pas l'un de : {choices}."),
    ("{value!r} does not match the format {format}.", "{value!r} does not match the formats {formats}."):
        ("« {value} » ne suit pas le format {format}.", "« {value} » ne suit aucun des formats {formats}."),
    ("{len_type} values are required, but {len_value} was given.",
     "{len_type} values are required, but {len_value} were given."):
        ("{len_type} valeurs sont demandées, mais {len_value} a été donnée.",
         "{len_type} valeurs sont demandées, mais {len_value} ont été données."),
}

# Click's modules that look their messages up, at call time, through `_` and `ngettext`.
CLICK_MODULES = ("core", "decorators", "exceptions", "formatting", "parser", "termui", "types", "utils",
                 "_termui_impl")


def gettext(message: str) -> str:
    return FRENCH.get(message, message)


def ngettext(singular: str, plural: str, count: int) -> str:
    french = FRENCH_PLURALS.get((singular, plural))
    if french is None:
        return singular if count == 1 else plural
    return french[0] if count == 1 else french[1]


# The names Click gives values in its messages (« "abc" is not a valid integer »).
TYPE_NAMES = {"IntParamType": "entier", "IntRange": "entier", "FloatParamType": "nombre", "FloatRange": "nombre",
              "BoolParamType": "oui/non", "StringParamType": "texte", "UnprocessedParamType": "texte",
              "Choice": "choix", "DateTime": "date", "File": "fichier"}


def _quoted(name: str) -> str:
    return f"« {name} »"


def _parameter_hint(self, ctx) -> str:
    return " / ".join(_quoted(name) for name in (self.opts or [self.human_readable_name]))


def _argument_hint(self, ctx) -> str:
    return _quoted(self.make_metavar(ctx) if ctx is not None else self.human_readable_name)


def install() -> None:
    import click.core
    import click.formatting
    import click.types

    # Help is wrapped at spaces: French spacing (no-break before « : ») keeps « : » off a line's start.
    wrap_text = click.formatting.wrap_text
    if not getattr(wrap_text, "french", False):
        def french_wrap_text(text, *args, **kwargs):
            return wrap_text(french(text), *args, **kwargs)
        french_wrap_text.french = True
        click.formatting.wrap_text = french_wrap_text

    for name in CLICK_MODULES:
        module = importlib.import_module(f"click.{name}")
        if hasattr(module, "_"):
            module._ = gettext
        if hasattr(module, "ngettext"):
            module.ngettext = ngettext
    for type_name, shown_name in TYPE_NAMES.items():
        getattr(click.types, type_name).name = shown_name
    # A parameter is named between French quotes in error messages, as the rest of the command does.
    click.core.Parameter.get_error_hint = _parameter_hint
    click.core.Argument.get_error_hint = _argument_hint
