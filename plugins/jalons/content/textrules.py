"""Characters that have no place in content text, said in French.

Control characters (other than tab and line breaks), C1 controls, lone surrogates and Unicode
noncharacters are invisible in an editor, yet they make an XML feed ill-formed, end a YAML front
matter early or mean something else to a spreadsheet. Content may not hold them: the loader reports
them at their FILE:LINE:COL, and `jalons suggestion apply` refuses a proposition that holds them.
Outputs that may see older text (from git history) strip them, so that they stay well-formed whatever
was committed (`strip_forbidden`).
"""

from __future__ import annotations

import re
import unicodedata

# In a file: \n and \r are the file's own business; U+2028 and U+2029, which YAML reads as line breaks
# where editors show none, are not. In a value: no line break but \n (a text written back by the editing
# commands must read the same).
# (Noncharacters beyond U+FFFF are left alone: XML allows them, and a class reaching into the astral
# planes makes every search ten times slower.)
# The bidirectional embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069) too: left open, one
# reverses what follows it in the page, the tab's title, the index and the feed.
BIDI_CONTROLS = "\u202a-\u202e\u2066-\u2069"
FORBIDDEN_IN_FILE = re.compile(
    f"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029{BIDI_CONTROLS}\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff]")
FORBIDDEN_IN_VALUE = re.compile(
    f"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029{BIDI_CONTROLS}\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff]")


def describe_character(character: str) -> str:
    """« U+000B (tabulation verticale) », as a person can search for it in an editor."""
    names = {"\x00": "caractère nul", "\x0b": "tabulation verticale", "\x0c": "saut de page",
             "\r": "retour chariot", "\x1b": "échappement", "\x7f": "suppression", "\x85": "fin de ligne NEL"}
    name = names.get(character) or unicodedata.name(character, "")
    code = f"U+{ord(character):04X}"
    if name:
        return f"{code} ({name})"
    kind = "non-caractère" if ord(character) in (0xFFFE, 0xFFFF) or 0xFDD0 <= ord(character) <= 0xFDEF else \
        "caractère de contrôle"
    return f"{code} ({kind})"


def forbidden_message(character: str) -> str:
    why = ("il inverserait ou déplacerait le texte qui le suit, jusque dans le titre de l'onglet et le fil"
           if re.match(f"[{BIDI_CONTROLS}]", character) else "il rendrait le fil Atom, les pages ou les données illisibles")
    return f"caractère invisible {describe_character(character)} interdit dans le contenu : supprimez-le ({why})"


def first_forbidden(text: str, *, in_value: bool = True) -> re.Match | None:
    return (FORBIDDEN_IN_VALUE if in_value else FORBIDDEN_IN_FILE).search(text)


def strip_forbidden(text: str) -> str:
    """The text without the characters above (\n kept), for outputs fed by history."""
    return FORBIDDEN_IN_VALUE.sub("", text)
