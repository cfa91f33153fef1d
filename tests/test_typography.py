"""French typography at render time (typography.py): the rules on plain text and on HTML."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jalons.site.typography import NARROW_NBSP as NNBSP
from jalons.site import typography
from jalons.site.typography import NBSP, french, french_html, french_markdown


@pytest.mark.parametrize(("source", "expected"), [
    ("Niveau actuel : non évalué", f"Niveau actuel{NBSP}: non évalué"),
    ("circulaire: groupes", f"circulaire{NBSP}: groupes"),
    ("Pourquoi ce jalon?", f"Pourquoi ce jalon{NNBSP}?"),
    ("Pourquoi ce jalon ?", f"Pourquoi ce jalon{NNBSP}?"),
    ("aider!", f"aider{NNBSP}!"),
    ("d'abord ; ensuite", f"d\u2019abord{NNBSP}; ensuite"),
    ("« vision 2050 »", f"«{NBSP}vision 2050{NBSP}»"),
    ("«vision»", f"«{NBSP}vision{NBSP}»"),
    ("«\nvision\n»", f"«{NBSP}vision{NBSP}»"),
    ("Quoi?!", f"Quoi{NNBSP}?!"),
    ("l'économie", "l\u2019économie"),
    # Left as written: addresses, times, link targets, a mark inside a word.
    ("https://rrecq.ca/?a=1", "https://rrecq.ca/?a=1"),
    ("à 10:30", "à 10:30"),
    ("jalon:22 et ressource:ceriec", "jalon:22 et ressource:ceriec"),
    ("aucun signe", "aucun signe"),
    ("«»", "«»"),
])
def test_french_spacing_and_apostrophes(source, expected):
    assert french(source) == expected


def test_applying_twice_changes_nothing_more():
    once = french("« L'économie : circulaire ? oui ! »")
    assert french(once) == once


def test_html_text_and_shown_attributes_are_set_code_and_scripts_are_not():
    html = ('<p title="Aide : ici" data-titre="Titre : brut">L&#39;avis &amp; la suite : <code>cle: valeur</code></p>'
            '<pre>a : b</pre><script>var x = "a : b";</script><textarea>tel : quel</textarea>'
            '<!-- note : interne --><a href="x?y=1">lien</a> ?')
    result = french_html(html)
    assert f'title="Aide{NBSP}: ici"' in result
    assert 'data-titre="Titre : brut"' in result  # data read by scripts keeps the source text
    assert f"L\u2019avis &amp; la suite{NBSP}: <code>cle: valeur</code>" in result
    assert "<pre>a : b</pre>" in result
    assert '<script>var x = "a : b";</script>' in result
    assert "<textarea>tel : quel</textarea>" in result
    assert "<!-- note : interne -->" in result
    assert f'<a href="x?y=1">lien</a>{NNBSP}?' in result


def test_html_stays_escaped():
    assert french_html("<p>&lt;script&gt; : non</p>") == f"<p>&lt;script&gt;{NBSP}: non</p>"


@pytest.mark.parametrize("kept", [
    "---\ntitle: Accueil\ndescription: 'Fiches : toutes'\n---\n",  # front matter: YAML read by the engine
    "```yaml\nnumero: 22\n```\n",
    "~~~\nclé: valeur ; « x »\n~~~\n",
    "\n\n    code: indenté\n    suite: ici\n",
    "`titre: x`",
    "``a ` b: c``",
    "<pre>a: b</pre>",
    "<code>c: d</code>",
    "<script>var a = {b: 'c'};</script>",
    "[lien](https://exemple.org/a:b?c=d;e)",
    "<!-- note : à revoir -->",
])
def test_markdown_front_matter_code_and_link_targets_are_never_touched(kept):
    text = f"Avant : oui\n\n{kept}\n\nAprès : oui" if not kept.startswith("---") else f"{kept}\nAprès : oui"
    result = french_markdown(text)
    assert kept in result  # to the byte
    assert f"Après{NBSP}: oui" in result  # the prose around still gets its typography


def test_a_mark_right_after_an_element_gets_its_space():
    assert french_html('la <a href="x">vision 2050</a>: un futur') == f'la <a href="x">vision 2050</a>{NBSP}: un futur'
    assert french_html("<em>vraiment</em>? oui") == f"<em>vraiment</em>{NNBSP}? oui"
    # Not after a space, nor where the mark does not end a word.
    assert french_html("<p>Note</p> : x") == f"<p>Note</p>{NBSP}: x"
    assert french_html('<a href="x">lien</a>:22') == '<a href="x">lien</a>:22'


# Pieces of HTML whose every order french_html must read as the one-part-at-a-time reading does.
HTML_PIECES = ["<p>", "</p>", '<a href="x:y">', "</a>", "<em>", "</em>", "<br>", '<abbr title="a : b">', "</abbr>",
               '<img alt="l\'image ?" src="i.png">', "<b data-x=' title=\"c ; d\"'>", '<i data-a="x > y" title="e ! f">',
               "<code>c: d</code>", "<pre>a ; b</pre>", "<script>x = {a: 'b'}</script>", "<!-- note : x -->", "<!--", "<code>",
               "</code>", "<TITLE>", "mot", "  ", "\n", ":", " : ", "?", "!", ";", "«", "»", "'", "&amp;", "&#39;", "22",
               "https://a.b/c?d", "&laquo;", "(", "/", "<"]


@settings(max_examples=300, deadline=None)
@given(pieces=st.lists(st.sampled_from(HTML_PIECES), max_size=30))
def test_reading_runs_left_as_they_are_gives_what_reading_every_part_gives(pieces):
    """french_html skips, in one match, the runs it leaves as they are (most of a page); the result is what
    reading every tag and text one by one gives (the reading Markdown still uses)."""
    html = "".join(pieces)
    assert french_html(html) == typography._french_parts(typography._HTML_PARTS.finditer(html), escape_text=True)


def _spaced_as_the_rules_say(text: str) -> str:
    """The spacing of `french` as its rules are written: one pattern each, tried at every position (the module finds
    the marks first, which is quicker; this says what it must give)."""
    space, no_space_after = typography._SPACE, typography._NO_SPACE_AFTER
    text = re.sub(f"[{space}]+(?=[:;!?»])", lambda m: typography._space_for(m.string[m.end()]), text)
    return re.sub(f"(?<=[^{re.escape(no_space_after)}])(?={typography._MARK_ENDING_WORD})",
                  lambda m: typography._space_for(m.string[m.end()]), text)


@settings(max_examples=500, deadline=None)
@given(pieces=st.lists(st.sampled_from(["mot", "a", " ", "  ", "\n", "\t", NBSP, NNBSP, ":", ";", "!", "?", "»", "«",
                                        "(", "/", "[", "]", ")", ".", ",", '"', "\u2019", "10", "https"]), max_size=25))
def test_the_marks_are_spaced_as_the_rules_say(pieces):
    text = "".join(pieces)
    assert typography._GLUED.sub(typography._glued, typography._typed_spaces(text)) == _spaced_as_the_rules_say(text)


def test_pages_get_the_typography_while_search_and_open_data_keep_the_source_text(built_site):
    import json

    page = (built_site / "jalons/22/index.html").read_text(encoding="utf-8")
    assert f"Pourquoi ce jalon{NNBSP}?" in page and "d\u2019économie sociale" in page
    index = json.loads((built_site / "search/search_index.json").read_text(encoding="utf-8"))
    indexed = " ".join(doc["title"] + " " + doc["text"] for doc in index["docs"])
    assert "Pourquoi ce jalon?" in indexed and "d'économie sociale" in indexed
    assert not {"\u2019", NBSP, NNBSP} & set(indexed)
    data = (built_site / "donnees/jalons.json").read_text(encoding="utf-8")
    assert "d'économie sociale" in data and not {"\u2019", NBSP, NNBSP} & set(data)


def test_materials_french_strings_are_corrected(built_site):
    pages = [page.read_text(encoding="utf-8") for page in built_site.rglob("*.html")]
    assert not any("Editer" in page for page in pages)  # Material's « Editer cette page », without its accent
    assert all('"search.result.term.missing": "Non trouv\\u00e9\\u00a0"' in page or
               '"search.result.term.missing": "Non trouvé\\u00a0"' in page for page in pages)
