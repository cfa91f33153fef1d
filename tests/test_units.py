"""Small pieces on their own: safe inline Markdown, URLs, dates, French schema messages."""

from __future__ import annotations

import pytest
from conftest import ROOT

from jalons.site import urls
from jalons.content.linking import Cible, LienInvalide, parse_target
from jalons.content.model import Jalon
from jalons.content.dates import mois_annee
from jalons.site.metadata import front_matter_text, front_matter_values
from jalons.site.rendering import mailto
from jalons.content.textmarkup import link_targets, plain_text, render_inline
from jalons.content.validation import french_message


def keep_all(href: str) -> str:
    return href


@pytest.mark.parametrize("text, html", [
    ("*a* **b** _c_", "<em>a</em> <strong>b</strong> <em>c</em>"),
    ("<u>CERIEC</u>", "&lt;u&gt;CERIEC&lt;/u&gt;"),
    ("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"),
    ("a & b \"c\"", "a &amp; b &quot;c&quot;"),
    ("# pas un titre", "# pas un titre"),
    ("- pas une liste", "- pas une liste"),
    ("![image](https://x.org/i.png)", "!<a href=\"https://x.org/i.png\">image</a>"),
    ("`code`", "`code`"),
])
def test_inline_subset(text, html):
    assert render_inline(text, keep_all) == html


def test_unresolved_link_keeps_its_words_only():
    text = "voir [ceci **ici**](javascript:alert(1)) et [là](https://x.org)"
    assert render_inline(text, lambda href: href if href.startswith("https:") else None) == \
        'voir ceci <strong>ici</strong> et <a href="https://x.org">là</a>'


def test_link_targets_and_plain_text():
    text = "[a](jalon:25) puis [b](ressource:ceriec) et *c*"
    assert link_targets(text) == ["jalon:25", "ressource:ceriec"]
    assert plain_text(text) == "a puis b et c"


@pytest.mark.parametrize("href, cible", [
    ("jalon:25", Cible("jalon", 25)),
    ("ressource:fonds-ecoleader", Cible("ressource", "fonds-ecoleader")),
    ("https://rrecq.ca", Cible("web", "https://rrecq.ca")),
    ("mailto:info@rrecq.ca", Cible("web", "mailto:info@rrecq.ca")),
])
def test_parse_target(href, cible):
    assert parse_target(href) == cible


@pytest.mark.parametrize("href", ["javascript:alert(1)", "data:text/html,x", "jalon:vingt", "ressource:Majuscule",
                                  "/absolu", "relatif.html", "vbscript:x", "https:"])
def test_parse_target_refuses(href):
    with pytest.raises(LienInvalide):
        parse_target(href)


@pytest.mark.parametrize("page, target, link", [
    ("jalons/22/", "jalons/25/", "../25/"),
    ("jalons/22/", "ressources/#ceriec", "../../ressources/#ceriec"),
    ("jalons/22/", "", "../../"),
    ("", "jalons/22/", "jalons/22/"),
    ("jalons/", "jalons/22/", "22/"),
])
def test_relative_links(page, target, link):
    assert urls.relative(page, target) == link


@pytest.mark.parametrize("version, text", [("2025-07", "juillet 2025"), ("2026-01", "janvier 2026"),
                                           ("2024-08", "août 2024"), ("2030-12", "décembre 2030")])
def test_mois_annee(version, text):
    assert mois_annee(version) == text


def test_front_matter_title_is_escaped_html_in_yaml():
    assert front_matter_text(front_matter_values('Jalon 1 — <b>"x"</b>')) == '---\ntitle: "Jalon 1 — &lt;b&gt;&quot;x&quot;&lt;/b&gt;"\n---\n'


def test_mailto_encodes_subject():
    assert mailto("info@rrecq.ca", "[Jalon 22] Réseaux & co?") == \
        "mailto:info@rrecq.ca?subject=%5BJalon%2022%5D%20R%C3%A9seaux%20%26%20co%3F"


@pytest.mark.parametrize("error, message", [
    ({"type": "missing", "loc": ("titre",), "msg": ""}, "clé obligatoire « titre » manquante"),
    ({"type": "string_type", "loc": ("titre",), "msg": "", "input": 3}, "valeur attendue : un texte ; trouvé : le nombre 3"),
    ({"type": "list_type", "loc": ("leviers",), "msg": "", "input": "x"},
     "valeur attendue : une liste (éléments précédés de « - ») ; trouvé : le texte « x »"),
    ({"type": "bool_type", "loc": ("pivot",), "msg": "", "input": "oui"}, "valeur attendue : true ou false ; trouvé : le texte « oui »"),
])
def test_french_messages(error, message):
    assert french_message(Jalon, error) == message


def test_unknown_key_lists_the_permitted_ones():
    message = french_message(Jalon, {"type": "extra_forbidden", "loc": ("historique", 0, "date"), "msg": ""})
    assert message == "clé inconnue « date » ; clés permises : version, resume"


def test_a_field_is_known_everywhere():
    """A key added to the fiche (model.Jalon) must be added to one table next to it, CHAMPS_FICHE; the
    open data, `jalons new`, the version comparison, the importer and the contribution form follow it."""
    import re

    from jalons.content.history import COMPARED_IN_ORDER, compare
    from jalons.content.loading import load_corpus
    from jalons.content.model import CHAMPS_FICHE, GENRES, SECTIONS, Jalon
    from jalons.content.suggestion import SECTIONS_CONTRIBUTION
    from jalons.editing.importing import HEADINGS
    from jalons.editing.scaffold import fiche_text
    from jalons.site.opendata import CSV_COLUMNS

    keys = list(Jalon.model_fields)
    # The one clear place to fail: the model and its table name the same keys.
    assert sorted(champ.cle for champ in CHAMPS_FICHE) == sorted(keys), "model.py : CHAMPS_FICHE ≠ Jalon"
    assert {champ.genre for champ in CHAMPS_FICHE} <= set(GENRES) == set(COMPARED_IN_ORDER)
    # What follows from it.
    assert CSV_COLUMNS == (*keys, "url")
    scaffold = fiche_text(5, "Un titre", "2026-01")
    assert [champ.cle for champ in CHAMPS_FICHE if champ.genre != "historique"] == re.findall(
        r"^(?:# )?([a-z_]+): ", scaffold, re.M)
    parties = [champ.cle for champ in CHAMPS_FICHE if champ.contribution]
    # A level is proposed from the form too: it goes to an assessment campaign, not to the fiche.
    assert [key for key, _label in SECTIONS_CONTRIBUTION] == [*parties[:2], "avancement", *parties[2:], "autre"]
    assert parties[:2] == ["enonce", "pourquoi"]
    # The sheet's drawn scale (« avancement ») is recognised, and read as no level: levels live in assessments.
    assert set(HEADINGS.values()) - {"a_propos", "avancement"} == {
        champ.cle for champ in CHAMPS_FICHE if champ.genre in {"textes", "identifiants"}}
    assert SECTIONS == tuple((champ.cle, champ.libelle) for champ in CHAMPS_FICHE if champ.genre == "textes")
    corpus = load_corpus(ROOT / "content")
    before = corpus.jalon_sources[22].data
    after = {**before, "titre": "Autre", "enonce": "Autre", "pivot": True,
             "mobiliser": [], "ressources": [], **{key: ["Autre"] for key, _label in SECTIONS}}
    compared = {champ.libelle for champ in CHAMPS_FICHE if champ.genre not in {"numero", "version", "historique"}}
    assert {change.section for change in compare(before, after, corpus)} == compared


def test_a_past_version_that_names_what_no_longer_exists_gets_no_page_and_says_why():
    from conftest import FIXTURES
    from jalons.content.history import VersionPubliee, fiche_as_published
    from jalons.content.loading import load_corpus

    corpus = load_corpus(FIXTURES / "golden" / "content")
    numero = next(iter(corpus.jalons))
    data = corpus.jalon_sources[numero].data
    assert isinstance(fiche_as_published(VersionPubliee(numero, data["version"], None, donnees=data), corpus), Jalon)
    gone = {**data, "ressources": ["ressource-retiree"]}
    assert fiche_as_published(VersionPubliee(numero, "2020-01", None, donnees=gone), corpus) == \
        "elle nomme ce qui n'existe plus : ressource-retiree"
    gone = {**data, "mobiliser": ["groupe-retire"]}
    assert fiche_as_published(VersionPubliee(numero, "2020-01", None, donnees=gone), corpus) == \
        "elle nomme ce qui n'existe plus : groupe-retire"
    # A key the fiches had then and no longer have (a level, now in the assessments): the version keeps its page.
    retired = {**data, "avancement": "niveau-retire"}
    assert isinstance(fiche_as_published(VersionPubliee(numero, "2020-01", None, donnees=retired), corpus), Jalon)
    assert "ne se lit plus" in fiche_as_published(VersionPubliee(numero, "2020-01", None, donnees={"titre": 3}), corpus)
    assert "pas connu" in fiche_as_published(VersionPubliee(numero, "2020-01", None), corpus)
    other = {**data, "numero": numero + 1}
    assert fiche_as_published(VersionPubliee(numero, "2020-01", None, donnees=other), corpus) == \
        f"son fichier d'alors porte le numéro {numero + 1}"


def test_the_prose_keys_where_a_hash_would_cut_the_text():
    """Every key whose value is prose (a `Texte`, or a plain text that may not be blank) and only those: the
    loader refuses there a « # » that YAML would read as a comment (yamlsource._cut_by_comment)."""
    from jalons.content.model import TEXT_KEYS

    assert TEXT_KEYS == {"a_propos", "auteur", "definition", "description", "enonce", "facilitateurs", "freins",
                         "justification", "leviers", "libelle", "methode", "nom", "organisation", "pourquoi", "preuves",
                         "questions", "resume", "sigle", "titre"}
