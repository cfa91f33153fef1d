"""Golden tests: a fixture corpus renders to exactly the page sources kept under fixtures/golden/expected.

After an intended change of output, regenerate them with `pytest --update-golden` and review the diff.
"""

from __future__ import annotations

import json
import re
import shutil

from conftest import FIXTURES

from jalons.site.build import build_site

GOLDEN = FIXTURES / "golden"


GOLDEN_LISTE = FIXTURES / "golden-liste"
# With the list of jalons: the pages that show it (the map, the index, a placeholder, a pivot to come).
PAGES_WITH_THE_LIST = ("index-ajout.md", "jalons/index.md", "jalons/1/index.md", "jalons/12/index.md")


def rendered(content_dir=GOLDEN / "content") -> dict[str, str]:
    site = build_site(content_dir)
    pages = {src_uri: page.markdown for src_uri, page in site.pages.items()}
    return {**pages, "index-ajout.md": site.additions["index.md"].whole,
            "contribuer-ajout.md": site.additions["contribuer.md"].whole,
            "a-propos-ajout.md": site.additions["a-propos.md"].whole}


def update_if_asked(request, pages: dict[str, str], expected_dir) -> None:
    """With --update-golden, the rendered pages become the expected ones (review the diff)."""
    if request.config.getoption("--update-golden"):
        for src_uri, markdown in pages.items():
            target = expected_dir / src_uri
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(markdown, encoding="utf-8")


def test_golden_pages_are_the_expected_ones(request):
    pages = rendered()
    expected_dir = GOLDEN / "expected"
    update_if_asked(request, pages, expected_dir)
    expected = {path.relative_to(expected_dir).as_posix(): path.read_text(encoding="utf-8")
                for path in expected_dir.rglob("*.md")}
    assert sorted(pages) == sorted(expected)
    for src_uri, markdown in pages.items():
        assert markdown == expected[src_uri], src_uri


def test_the_word_filter_fetches_each_fiches_words_that_the_list_does_not_carry():
    """The list of /jalons/ shows titles and statements; the rest of each published fiche's words, which its word
    filter also searches, is a file of its own, fetched when a reader types a word (assets/jalons-filtres.js)."""
    site = build_site(GOLDEN / "content")
    textes = json.loads(site.data["jalons/textes.json"])
    assert sorted(textes, key=int) == [str(numero) for numero in site.corpus.jalons]
    assert textes["3"].endswith("Un levier. Un frein <u>souligné</u> dans le PDF.")
    index = site.pages["jalons/index.md"].html
    assert "Un levier" not in index and 'data-textes="textes.json"' in index


def test_template_override_from_custom_dir(tmp_path):
    override = tmp_path / "pages" / "a-venir.html.j2"
    override.parent.mkdir()
    override.write_text('{{ front_matter("Bientôt") }}\n<p>Bientôt : jalon {{ numero }}</p>\n'
                        '{{ intertitre("Cité par") }}\n', encoding="utf-8")
    pages = build_site(GOLDEN / "content", template_dirs=[tmp_path]).pages
    page = pages["jalons/12/index.md"]
    assert page.markdown == '---\ntitle: "Bientôt"\n---\n<p>Bientôt : jalon 12</p>\n<h2 id="cite-par">Cité par</h2>\n'
    assert page.toc == [{"level": 2, "id": "cite-par", "name": "Cité par", "children": []}]
    assert "Un jalon simple" in pages["jalons/7/index.md"].markdown  # other templates still come from the package
    # Compiled templates are kept for the next build (mkdocs serve); an edited override is compiled again.
    override.write_text('{{ front_matter("Plus tard") }}\n<p>Plus tard : {{ numero }}</p>\n', encoding="utf-8")
    assert "<p>Plus tard : 12</p>" in build_site(GOLDEN / "content", template_dirs=[tmp_path]).pages["jalons/12/index.md"].html


def test_headings_get_the_anchors_of_markdown_headings_and_stay_unique():
    page = build_site(GOLDEN / "content").pages["jalons/7/index.md"]
    ids = [token["id"] for token in page.toc]
    assert "ou-en-est-ce-jalon" in ids and "contribuer-a-cette-fiche" in ids  # as MkDocs' toc would name them
    assert len(ids) == len(set(ids))
    for token in page.toc:  # a section out of the site's search says so on its heading
        assert re.search(f'<h2 id="{re.escape(token["id"])}"(?: data-search-exclude)?>{re.escape(token["name"])}</h2>',
                         page.html), token


def test_golden_pages_with_the_list_of_jalons(request, tmp_path):
    content = tmp_path / "content"
    shutil.copytree(GOLDEN / "content", content)
    shutil.copy(GOLDEN_LISTE / "liste-des-jalons.yml", content)
    pages = {src_uri: markdown for src_uri, markdown in rendered(content).items() if src_uri in PAGES_WITH_THE_LIST}
    expected_dir = GOLDEN_LISTE / "expected"
    update_if_asked(request, pages, expected_dir)
    assert sorted(pages) == sorted(PAGES_WITH_THE_LIST)
    for src_uri, markdown in pages.items():
        assert markdown == (expected_dir / src_uri).read_text(encoding="utf-8"), src_uri
