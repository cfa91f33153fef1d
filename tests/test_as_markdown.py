"""Generated pages told again as Markdown for `jalons export`: prose as Markdown, HTML only where needed."""

from __future__ import annotations

import re

import markdown
import pytest
from bs4 import BeautifulSoup

from jalons.export import _source_link, _url_of
from jalons.site.as_markdown import as_markdown

CASES = {
    "headings and paragraphs": ('<h2 id="pourquoi">Pourquoi?</h2>\n<p>Un <em>texte</em> et <strong>gras</strong>.</p>',
                                "## Pourquoi?\n\nUn *texte* et **gras**.\n"),
    "a plain list with a link": ('<ul>\n<li>Voir <a href="../25/">jalon 25</a></li>\n<li>Deux</li>\n</ul>',
                                 "- Voir [jalon 25](../25/)\n- Deux\n"),
    "a paragraph's class": ('<p class="jalon-enonce">Énoncé</p>', "Énoncé\n{: .jalon-enonce }\n"),
    "a list with a class": ('<ul class="jalon-liste"><li>Un</li></ul>',
                            '<div class="jalon-liste" markdown="1">\n\n- Un\n\n</div>\n'),
    "a container": ('<div class="jalon-entete"><p>Jalon 22</p></div>',
                    '<div class="jalon-entete" markdown="1">\n\nJalon 22\n\n</div>\n'),
    "an anchored item": ('<ul><li id="ceriec"><strong>CERIEC</strong></li></ul>', "- **CERIEC**\n{: #ceriec }\n"),
    "an anchored item ending with HTML": (
        '<ul><li id="v"><strong>V</strong>\n<span data-search-exclude><br>Citée par : <a href="#x">X</a>.</span>\n</li></ul>',
        '- **V**\n  <span data-search-exclude=""><br/>Citée par : <a href="#x">X</a>.</span>\n{: #v }\n'),
    "a section out of the search": ('<h2 id="a-propos" data-search-exclude>À propos</h2><p>Texte</p>',
                                    "## À propos { data-search-exclude }\n\nTexte\n"),
    "a form stays HTML": ('<form><label for="n">Nom</label><input type="text" id="n"></form>',
                          '<form><label for="n">Nom</label><input id="n" type="text"/></form>\n'),
    "a state stays HTML": ('<ol class="e"><li aria-current="step">En route</li></ol>',
                           '<ol class="e"><li aria-current="step">En route</li></ol>\n'),
    "an address Markdown would cut": ("<p><a href=\"https://x.org/?a='b'(c)\">lien</a></p>",
                                      "<a href=\"https://x.org/?a='b'(c)\">lien</a>\n"),
    "text that looks like markup": ("<p>&lt;b&gt; &amp;amp; {: .x } *non* _non_ [a](b) `c` # t \\*</p>",
                                    "&lt;b> &amp;amp; \\{: .x \\} \\*non\\* \\_non\\_ \\[a\\](b) \\`c\\` \\# t \\\\\\*\n"),
    "text that spells a placeholder": ("<p>JALONSBLOCK00000X JALONSINLINE00000X</p><form></form>",
                                       "JALONSBLOCK00000X JALONSINLINE00000X\n\n<form></form>\n"),
    "a list sign starting a text": ("<ul><li>- un</li><li>1. deux</li><li>&gt; trois</li></ul>",
                                    "- \\- un\n- 1\\. deux\n- \\> trois\n"),
}


@pytest.mark.parametrize("html, expected", CASES.values(), ids=CASES.keys())
def test_html_becomes_markdown(html, expected):
    assert as_markdown(html) == expected


@pytest.mark.parametrize("html", [html for html, _ in CASES.values()], ids=CASES.keys())
def test_the_markdown_reads_back_as_the_same_text(html):
    """Python-Markdown (as MkDocs and Zensical run it) shows the words of the original, no more."""
    back = markdown.markdown(as_markdown(html), extensions=["attr_list", "md_in_html", "tables"])
    words = lambda fragment: " ".join(BeautifulSoup(fragment, "html.parser").get_text(" ").split())  # noqa: E731
    assert words(back) == words(html)
    assert re.findall(r"<(script|iframe|img)\b", back) == re.findall(r"<(script|iframe|img)\b", html)


def test_links_between_pages_point_to_their_markdown_files():
    sources = {"": "index.md", "contribuer/": "contribuer.md", "jalons/22/": "jalons/22/index.md",
               "ressources/": "ressources/index.md"}
    link = lambda href: _source_link("jalons/22/index.md", sources, href)  # noqa: E731
    assert link("../../") == "../../index.md"
    assert link("../../contribuer/") == "../../contribuer.md"
    assert link("../../ressources/#ceriec") == "../../ressources/index.md#ceriec"
    assert link("fiche-jalon-22.pdf") == "fiche-jalon-22.pdf"  # a file, not a page
    assert link("https://rrecq.ca/") == "https://rrecq.ca/" and link("#a-propos") == "#a-propos"
    assert [_url_of(name) for name in ("index.md", "contribuer.md", "jalons/22/index.md")] == [
        "", "contribuer/", "jalons/22/"]
