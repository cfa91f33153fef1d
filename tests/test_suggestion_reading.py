"""How `suggestion apply` reads what it is given: an email, whatever header it starts with, or its body alone;
large messages; a path that is not a file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from test_contribution import block

from jalons.content.suggestion import DEBUT, FIN, SuggestionError, parse_message, read_message
from jalons.content.yamlsource import MAX_FILE_BYTES

BLOCK = block(jalon=22, section="leviers", proposition="Un levier.")


@pytest.mark.parametrize("header", ["Subject: Fiche 22", "From: Une lectrice <lectrice@exemple.org>",
                                    "Content-Type: text/plain; charset=utf-8"])
def test_an_email_with_any_one_header_is_read_as_an_email(tmp_path, header):
    path = tmp_path / "message.eml"
    path.write_text(f"{header}\n\n{BLOCK}", encoding="utf-8")
    text, warnings = read_message(path)
    assert header not in text and DEBUT in text and warnings == []


def test_a_body_alone_is_read_as_it_is(tmp_path):
    path = tmp_path / "message.txt"
    path.write_bytes(("\ufeff" + BLOCK.replace("\n", "\r\n")).encode("utf-8"))
    text, warnings = read_message(path)
    assert text == BLOCK and warnings == []


def test_a_message_larger_than_a_content_file_is_still_read(tmp_path):
    path = tmp_path / "message.eml"
    padding = "> ligne citée d'un long fil de discussion\n" * (MAX_FILE_BYTES // 40 + 1000)
    path.write_text(f"Subject: Fiche 22\n\n{BLOCK}\n{padding}", encoding="utf-8")
    assert path.stat().st_size > MAX_FILE_BYTES
    text, _warnings = read_message(path)
    assert DEBUT in text


def test_a_folder_given_as_the_message_names_it(tmp_path):
    with pytest.raises(SuggestionError) as caught:
        read_message(tmp_path)
    assert str(caught.value).startswith(f"{tmp_path} : ")


@pytest.mark.parametrize("flowed, plain", [
    ("Un texte \r\ncoupé \r\nen trois.\r\nSuite.", "Un texte coupé en trois.\nSuite."),
    ("  deux espaces gardés\nfin", " deux espaces gardés\nfin"),  # space-stuffing: one space taken off
    ("-- \nsignature", "-- \nsignature"),  # the signature separator ends its line
    ("ouvert à la fin ", "ouvert à la fin "),  # a last line that continues nowhere is kept
    ("", ""),
])
def test_format_flowed_is_undone_as_rfc_3676_says(flowed, plain):
    from jalons.content.suggestion import _unflow

    assert _unflow(flowed) == plain


def test_a_new_fiche_file_is_exactly_this():
    """`jalons new`'s file, to the byte: every key in the published order, with what it holds."""
    from jalons.content.model import JalonDeLaListe
    from jalons.editing.scaffold import fiche_text

    assert fiche_text(25, 'Un "titre"', "2026-12") == EXPECTED_NEW_FICHE
    entry = JalonDeLaListe(numero=25, enonce="L'énoncé de la liste.", pivot=True)
    from_list = fiche_text(25, "Un titre", "2026-12", entry)
    assert "# L'énoncé du jalon, sous le titre. (celui de liste-des-jalons.yml)\nenonce: \"L'énoncé de la liste.\"\n" in from_list
    assert "\npivot: true\n" in from_list and "# pivot" not in from_list


EXPECTED_NEW_FICHE = """\
# yaml-language-server: $schema=../../schemas/jalon.schema.json
# Fiche du jalon 25. Remplissez chaque section, puis vérifiez : jalons check
numero: 25
titre: "Un \\"titre\\""
# L'énoncé du jalon, sous le titre.
enonce: ''
# pivot: true

# « Pourquoi ce jalon? » : un élément par tiret.
pourquoi: []

# « Qui doit être mobilisé » : identifiants des parties prenantes.
mobiliser: []

# « Comment pourrait-on s'y rendre? » : un élément par tiret.
leviers: []

# « Qu'est-ce qui peut faciliter ce changement? » : un élément par tiret.
facilitateurs: []

# « Qu'est-ce qui peut freiner sa mise en œuvre? » : un élément par tiret.
freins: []

# « Qu'est-ce qu'il reste à éclaircir? » : un élément par tiret.
questions: []

# « Ressources » : identifiants des fichiers de content/ressources/.
ressources: []

version: '2026-12'
"""


def test_a_flowed_email_is_read_unflowed(tmp_path):
    """format=flowed, as mail programs send long lines: its soft breaks are undone, its hard ones kept."""
    message = tmp_path / "courriel.eml"
    message.write_bytes(("From: a@b.c\r\nSubject: x\r\nContent-Type: text/plain; charset=utf-8; format=flowed\r\n\r\n"
                         f"Une proposition qui \r\ncontinue ici.\r\n{DEBUT}\r\n").encode("utf-8"))
    text, warnings = read_message(message)
    assert text == f"Une proposition qui continue ici.\n{DEBUT}\n" and warnings == []
    fixed = tmp_path / "fixe.eml"
    fixed.write_bytes(message.read_bytes().replace(b"; format=flowed", b""))
    assert read_message(fixed)[0] == f"Une proposition qui \ncontinue ici.\n{DEBUT}\n"  # not flowed: kept as sent


@pytest.mark.parametrize("content, said", [
    (b"Une proposition en latin-1 : \xe9t\xe9\n", "message.txt : texte illisible (UTF-8 attendu)"),
    (b"From: a@b.c\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<p>Bonjour</p>\r\n",
     "message.txt : aucun texte brut dans ce courriel"),
])
def test_an_unreadable_message_is_said_by_its_name(tmp_path, monkeypatch, content, said):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "message.txt").write_bytes(content)
    with pytest.raises(SuggestionError) as caught:
        read_message(Path("message.txt"))
    assert str(caught.value) == said


LETTER = "Première ligne : « citée »\n\n  indentée # pas un commentaire\nDernière ligne"


@pytest.mark.parametrize("quote", ["", "> ", "> > "], ids=["tel-quel", "cite", "cite-deux-fois"])
def test_a_proposition_written_as_block_text_is_read_exactly_even_quoted_in_a_reply(quote):
    lines = [DEBUT, "jalon: 22", "section: leviers", "proposition: |-",
             *(f"  {line}" if line else "" for line in LETTER.split("\n")), "nom: \"Anne Émond\"", FIN]
    suggestion, warnings = parse_message("Bonjour,\n\n" + "\n".join(quote + line for line in lines) + "\n")
    assert suggestion.proposition == LETTER and suggestion.nom == "Anne Émond" and warnings == []


@pytest.mark.parametrize("form", ["bloc", "guillemets"])
def test_the_end_markers_words_inside_a_proposition_are_the_readers_text(form):
    """Only a line of its own ends the block: the marker's words typed in a proposition do not cut it (they cut it
    silently in block text, and made quoted text unreadable)."""
    text = f"Première ligne\n{FIN}\nDeuxième ligne"
    value = ("|-\n" + "\n".join(f"  {line}" for line in text.split("\n")) if form == "bloc"
             else json.dumps(text, ensure_ascii=False))
    for quote in ("", "> "):
        lines = [DEBUT, "jalon: 22", "section: leviers", f"proposition: {value}", 'nom: "Anne"', FIN]
        message = "\n".join(quote + line for line in "\n".join(lines).split("\n")) + "\n"
        suggestion, _warnings = parse_message(message)
        assert (suggestion.proposition, suggestion.nom) == (text, "Anne")
