"""How `suggestion apply` reads what it is given: an email, whatever header it starts with, or its body alone;
large messages; a path that is not a file."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_contribution import block

from jalons.content.suggestion import DEBUT, SuggestionError, read_message
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
