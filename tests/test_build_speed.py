"""What makes a build quicker must not change what it makes: the search plugin given a generated page without
what it leaves out (searchview.py), and the plugin's files written by another process or on a second thread
(background.py)."""

from __future__ import annotations

import os
import re
import shutil
import sys
import threading
import time
from functools import partial
from pathlib import Path
from types import SimpleNamespace

import pytest
from conftest import FIXTURES, ROOT
from material.plugins.search.plugin import SearchIndex
from mkdocs.structure.toc import get_toc

from jalons.content.errors import JalonsError
from jalons.site import background, parallel, urls
from jalons.site.background import BackgroundWriter, WrittenApart
from jalons.site.derived import VersionRequest, derive_apart, toc_anchors
from jalons.site.build import build_site
from jalons.site.searchview import search_view


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    content = tmp_path_factory.mktemp("contenu") / "content"
    shutil.copytree(ROOT / "content", content)
    shutil.copy(FIXTURES / "graphe" / "23-fiche-d-essai.yml", content / "jalons")
    shutil.copytree(FIXTURES / "evaluations", content / "evaluations")
    return build_site(content, site_url="https://example.org/")


def index_entries(src_uri: str, content: str, toc) -> list[dict]:
    index = SearchIndex(lang=["fr"], separator=r"[\s\-]+", pipeline=[], fields={})
    page = SimpleNamespace(meta={}, content=content, toc=get_toc(toc), url=src_uri.removesuffix("index.md"),
                           title="Titre")
    index.add_entry_from_context(page)
    return index.entries


def test_the_search_view_makes_the_index_the_whole_page_makes_for_every_generated_page(site):
    shorter = 0
    for src_uri, page in site.pages.items():
        if page.search_spans is None:  # found where the page is rendered, for the pages the search indexes only
            assert page.meta["search"] == {"exclude": True}, src_uri
            continue
        view = search_view(page.html, page.search_spans)
        assert index_entries(src_uri, view.html, page.toc) == index_entries(src_uri, page.html, page.toc), src_uri
        assert view.restored(view.html) == page.html
        shorter += len(view.html) < len(page.html)
    assert shorter > len(site.pages) / 2  # most pages have furniture to leave out: the test compares something
    fiche = site.pages["jalons/22/index.md"].html
    assert 'class="jalon-formulaire"' in fiche and 'class="jalon-formulaire"' not in search_view(fiche).html


def test_an_attributes_value_that_names_the_exclusion_does_not_set_its_element_aside():
    html = '<p title="Texte data-search-exclude ici">Indexé</p><p data-titre="x" data-search-exclude>Non</p>'
    assert search_view(html).html == '<p title="Texte data-search-exclude ici">Indexé</p><!--jalons-hors-recherche:0-->'


def test_what_another_plugin_makes_of_the_view_is_kept_when_the_furniture_comes_back():
    view = search_view('<h2 id="a">Titre</h2><p>Texte</p><nav data-search-exclude><a href="../23/">Suivant</a></nav>')
    changed = view.html.replace("<p>Texte</p>", '<p>Texte <a class="ajout">lien</a></p>')
    assert view.restored(changed) == ('<h2 id="a">Titre</h2><p>Texte <a class="ajout">lien</a></p>'
                                      '<nav data-search-exclude><a href="../23/">Suivant</a></nav>')
    # A plugin that strips comments, or copies one, would lose or repeat the furniture: said, never done.
    assert view.restored(view.html.replace("<!--jalons-hors-recherche:0-->", "")) is None
    assert view.restored(view.html + "<!--jalons-hors-recherche:0-->") is None


def test_an_excluded_element_ends_at_its_own_closing_tag_not_a_longer_names():
    html = ('<p>avant</p><p data-search-exclude>un <a href="#">lien</a> <pre>x</pre></p><p>après</p>'
            '<nav data-search-exclude class="a"><p>b</p></nav><nav>reste</nav>')
    view = search_view(html)
    assert view.html == "<p>avant</p><!--jalons-hors-recherche:0--><p>après</p><!--jalons-hors-recherche:1--><nav>reste</nav>"
    assert view.set_aside == ('<p data-search-exclude>un <a href="#">lien</a> <pre>x</pre></p>',
                              '<nav data-search-exclude class="a"><p>b</p></nav>')


@pytest.mark.parametrize(("html", "titles"), [
    ('<h2 id="a">Gardé</h2><p>Texte</p><h2 id="b" data-search-exclude>Hors</h2><p>x</p><h3>sans id</h3><p>y</p>'
     '<h2 class="c" id="c">Suivant</h2><p>z</p>', ["Titre", "Gardé", "Suivant"]),  # the page's title, first
    ('<h1>Titre</h1><p>Texte</p><div><h2 id="b" data-search-exclude>Hors</h2><p>x</p></div>'
     '<nav data-search-exclude>voisins</nav>', ["Titre"]),
    ('<h1>Titre</h1><p>Début</p><h2 id="b" data-search-exclude>Hors</h2><p data-id="x">x</p><h3 id="c" '
     'data-search-exclude>Hors aussi</h3><p>y</p><h2 id="d">Gardé</h2><p title="&lt;h2 id=e&gt;">z</p>',
     ["Titre", "Gardé"]),
    ('<h1>Titre</h1><p>Texte</p><div class="statut"><h2 id="b" data-search-exclude>Hors</h2><p>x<br>y<img '
     'alt="i" src="i.png"><svg><circle r="1"/></svg></p><!-- </div> --></div><p>Suite du début</p><h2 id="c">Gardé'
     '</h2><p>z</p>',
     ["Titre", "Gardé"]),
], ids=["jusqu-au-titre-suivant", "jusqu-a-la-fin", "deux-de-suite", "jusqu-a-la-fin-de-son-bloc"])
def test_a_section_out_of_the_search_is_set_aside_as_material_leaves_it_out(html, titles):
    """On a heading, the attribute leaves out the section, to the next heading with an id (one without starts no
    section for Material), the end of the element the heading is in (Material then goes back to the section
    before), or the end of the page."""
    view = search_view(html)
    entries = index_entries("page/index.md", html, [])
    assert [entry["title"] for entry in entries] == titles
    if "Suite du début" in html:
        assert "Suite du début" in entries[0]["text"] and "Suite du début" in view.html
    assert index_entries("page/index.md", view.html, []) == entries
    assert "Hors" not in view.html and view.restored(view.html) == html


def test_files_are_written_in_order_and_the_build_waits_for_them(tmp_path):
    writer = BackgroundWriter()
    target = tmp_path / "un.txt"
    interval = sys.getswitchinterval()
    for text in ("premier", "second"):
        writer.submit("un.txt", lambda text=text: target.write_text(text, encoding="utf-8"))
    assert sys.getswitchinterval() == min(interval, background.SWITCH_INTERVAL)  # while writing
    writer.wait()
    assert target.read_text(encoding="utf-8") == "second"
    assert sys.getswitchinterval() == interval  # the interpreter's own again


def test_a_file_that_cannot_be_written_fails_the_build_in_french_after_the_others(tmp_path):
    writer = BackgroundWriter()
    (tmp_path / "occupe").write_text("un fichier, pas un dossier", encoding="utf-8")
    writer.submit("occupe/a.json", lambda: os.makedirs(tmp_path / "occupe" / "a"))
    writer.submit("occupe/b.json", lambda: os.makedirs(tmp_path / "occupe" / "b"))
    writer.submit("ok.txt", lambda: (tmp_path / "ok.txt").write_text("ok", encoding="utf-8"))
    with pytest.raises(JalonsError) as error:
        writer.wait()
    assert str(error.value) == ("jalons : le fichier occupe/a.json n'a pu être écrit (et 1 autre(s)) : "
                                "un élément du chemin n'est pas un dossier")
    assert (tmp_path / "ok.txt").read_text(encoding="utf-8") == "ok"
    writer.wait()  # what failed is said once


def test_files_written_apart_are_written_by_another_process_failures_said_in_french_after_the_others(tmp_path):
    (tmp_path / "occupe").write_text("un fichier, pas un dossier", encoding="utf-8")
    writes = {"occupe/a.json": lambda: os.makedirs(tmp_path / "occupe" / "a"),
              "qui.txt": lambda: (tmp_path / "qui.txt").write_text(str(os.getpid()), encoding="utf-8"),
              "ok.txt": lambda: (tmp_path / "ok.txt").write_text("ok", encoding="utf-8")}
    threads = threading.active_count()
    apart = WrittenApart(writes)
    assert threading.active_count() == threads  # none started here: this process may go on forking
    with pytest.raises(JalonsError) as error:
        apart.wait()
    assert str(error.value) == ("jalons : le fichier occupe/a.json n'a pu être écrit : "
                                "un élément du chemin n'est pas un dossier")
    assert (tmp_path / "ok.txt").read_text(encoding="utf-8") == "ok"
    assert (tmp_path / "qui.txt").read_text(encoding="utf-8") != str(os.getpid())
    apart.wait()  # what failed is said once


def test_files_written_apart_are_discarded_with_their_process_when_the_build_stops(tmp_path):
    late = tmp_path / "tard.txt"
    apart = WrittenApart({"tard.txt": lambda: (time.sleep(60), late.write_text("trop tard", encoding="utf-8"))})
    start = time.monotonic()
    apart.discard()
    assert time.monotonic() - start < 10
    time.sleep(0.2)
    assert not late.exists()  # nothing left writing into the site folder
    apart.wait()  # nothing more to wait for, nothing said


def test_jobs_run_in_several_processes_give_their_results_in_order(monkeypatch):
    monkeypatch.setattr(parallel, "MIN_JOBS_PER_PROCESS", 2)
    jobs = [lambda index=index: (time.sleep(0.05), (index, os.getpid()))[1] for index in range(9)]
    results = parallel.run_all(jobs, workers=3)
    assert [index for index, _ in results] == list(range(9))
    processes = {pid for _, pid in results}
    assert os.getpid() in processes and len(processes) >= 2  # some here, the others in forked workers
    assert {pid for _, pid in parallel.run_all(jobs, workers=1)} == {os.getpid()}
    monkeypatch.setattr(sys, "platform", "darwin")  # fork there is not safe: everything here, the same results
    assert parallel.run_all(jobs, workers=3) == [(index, os.getpid()) for index in range(9)]


def test_a_process_that_drew_a_long_job_leaves_the_others_to_the_other_processes(monkeypatch):
    monkeypatch.setattr(parallel, "MIN_JOBS_PER_PROCESS", 2)
    long = [lambda: (time.sleep(1), os.getpid())[1]]
    short = [lambda: (time.sleep(0.05), os.getpid())[1] for _ in range(9)]
    processes = parallel.run_all(long + short, workers=2)
    assert processes[0] not in processes[1:]  # a share drawn in advance would have given it half of them
    assert len(set(processes)) == 2


def test_a_job_that_fails_here_stops_the_other_processes_taking_more(monkeypatch, tmp_path):
    monkeypatch.setattr(parallel, "MIN_JOBS_PER_PROCESS", 2)

    def fails():
        time.sleep(0.2)  # the other process has started taking jobs
        raise ZeroDivisionError
    def done(index: int) -> None:
        time.sleep(0.05)
        (tmp_path / str(index)).touch()
    with pytest.raises(ZeroDivisionError):
        parallel.run_all([fails, *(partial(done, index) for index in range(60))], workers=2)
    assert 0 < len(list(tmp_path.iterdir())) < 20  # not the 60


def test_a_companion_gives_its_result_from_another_process_reading_what_it_is_sent():
    def work(connection):
        return [(message, os.getpid()) for message in iter(connection.recv, None)]
    threads = threading.active_count()
    companion = parallel.Companion(work)
    assert threading.active_count() == threads  # none started here: this process may go on forking
    for message in range(5):
        companion.send(message)
    companion.send(None)
    results = companion.result()
    assert [message for message, _ in results] == list(range(5)) and {pid for _, pid in results} != {os.getpid()}
    with pytest.raises(RuntimeError):
        companion.result()  # taken once
    parallel.Companion(work).close()  # a build that stops: no process left, nothing asked


def test_a_process_of_its_own_is_worth_it_for_enough_jobs_and_more_than_one_process(monkeypatch):
    monkeypatch.setattr(parallel, "MIN_JOBS_PER_PROCESS", 2)
    assert parallel.runs_apart(5, workers=2)
    assert not parallel.runs_apart(5, workers=1) and not parallel.runs_apart(1, workers=2)  # too few
    monkeypatch.setattr(sys, "platform", "darwin")  # fork there is not safe
    assert not parallel.runs_apart(5, workers=2)


def test_a_companion_that_fails_says_so_where_its_result_is_asked_for():
    with pytest.raises(ZeroDivisionError):
        parallel.Companion(lambda _: 1 / 0).result()
    with pytest.raises(JalonsError, match=r"s'est arrêté sans ses résultats \(code 3\) : relancez la construction"):
        parallel.Companion(lambda _: os._exit(3)).result()


def test_the_site_rendered_in_several_processes_is_the_site_rendered_in_one(site, monkeypatch):
    monkeypatch.setattr(parallel, "MIN_JOBS_PER_PROCESS", 1)
    in_two = build_site(site.corpus.content_dir, site_url="https://example.org/", workers=2)
    assert len(site.pages) >= 20 and in_two.pages == site.pages  # the html, the typography, the toc, all of it
    # Rendered the longest first, and given in the order of their addresses, as MkDocs and its search index take them.
    assert list(in_two.pages) == list(site.pages) == sorted(site.pages, key=urls.url_of)
    # The current versions' pages left to the caller, who renders them in a process of its own (derived.py).
    apart = build_site(site.corpus.content_dir, site_url="https://example.org/", workers=2, versions_apart=True)
    versions = {"jalons/22/2025-07/index.md", "jalons/23/2025-09/index.md"}
    assert set(apart.current_versions) == set(apart.version_jobs) == versions
    assert {src_uri: job() for src_uri, job in apart.version_jobs.items()} == {src: site.pages[src] for src in versions}
    assert apart.pages == {src_uri: page for src_uri, page in site.pages.items() if src_uri not in versions}
    monkeypatch.setattr(parallel, "MIN_JOBS_PER_PROCESS", 25)  # too few for another process: rendered here
    here = build_site(site.corpus.content_dir, site_url="https://example.org/", workers=2, versions_apart=True)
    assert here.version_jobs == {} and here.pages == site.pages


def test_version_pages_that_cannot_be_made_apart_are_said_in_french(site, tmp_path):
    """The process that makes the current versions' pages from their fiches' written pages says what it could not
    make or write; the build fails with it (plugin.on_post_build)."""
    fiche, version = site.pages["jalons/23/index.md"], site.pages["jalons/23/2025-09/index.md"]
    anchors = toc_anchors(fiche.toc)
    menu = "".join(f'\n\n<li class="md-nav__item"><a href="#{anchor}" class="md-nav__link">…</a></li>'
                   for anchor in anchors if anchor not in toc_anchors(version.toc))
    (tmp_path / "fiche-23.html").write_text(f"<html><head><title>{fiche.title} — Site</title></head><body><nav>{menu}"
                                            f"</nav><article>{fiche.shown}</article></body></html>", encoding="utf-8")
    (tmp_path / "fiche-22.html").write_text("<html><body>une page d'une autre forme</body></html>", encoding="utf-8")
    (tmp_path / "occupe").write_text("un fichier, pas un dossier", encoding="utf-8")
    versions = {src_uri: lambda src_uri=src_uri: site.pages[src_uri]
                for src_uri in ("jalons/22/2025-07/index.md", "jalons/23/2025-09/index.md")}
    companion = parallel.Companion(partial(derive_apart, versions=versions, fiches=site.pages))

    def asked(numero: int, version: str, target: Path) -> VersionRequest:
        page = site.pages[f"jalons/{numero}/index.md"]
        return VersionRequest(f"jalons/{numero}/{version}/index.md", f"jalons/{numero}/index.md",
                              str(tmp_path / f"fiche-{numero}.html"), None, page.title, None, toc_anchors(page.toc),
                              f"jalons/{numero}/{version}/", None, str(target))
    companion.send(asked(22, "2025-07", tmp_path / "v22.html"))
    companion.send(asked(23, "2025-09", tmp_path / "occupe/sous/v23.html"))
    companion.send(asked(23, "2025-09", tmp_path / "v23.html"))
    companion.send(None)
    assert companion.result() == [
        "jalons : la page de la version actuelle (jalons/22/2025-07/) n'a pu être tirée de celle de sa fiche, dont "
        "le thème a changé de forme : mettez derive_versions: false sous le plugin jalons de mkdocs.yml, et "
        "signalez-le",
        "jalons : la page jalons/23/2025-09/ n'a pu être écrite : un élément du chemin n'est pas un dossier"]
    made = (tmp_path / "v23.html").read_text(encoding="utf-8")
    assert f"<title>{version.title} — Site</title>" in made and version.shown in made and fiche.shown not in made

    class Pipe:  # every request, and the end, already there while the versions render; or none of them yet
        def __init__(self, arrived: bool) -> None:
            self.messages = [asked(23, "2025-09", tmp_path / f"v23-{arrived}.html"), None]
            self.arrived = arrived

        def poll(self) -> bool:
            return self.arrived and bool(self.messages)

        def recv(self):
            return self.messages.pop(0)
    for arrived in (True, False):
        assert derive_apart(Pipe(arrived), versions, site.pages) == []
        assert (tmp_path / f"v23-{arrived}.html").read_text(encoding="utf-8") == made


def test_content_that_mimics_the_views_markers_is_indexed_and_shown_as_written(tmp_path):
    """A contributor's text naming the exclusion or the place's comment is text: it is indexed, and nothing is put
    in its place."""
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    fiche = next((content / "jalons").glob("22-*.yml"))
    hostile = 'Voir <!--jalons-hors-recherche:0--> et <p data-search-exclude>caché</p> ici'
    text = fiche.read_text(encoding="utf-8").replace("leviers:\n  - >-\n", f"leviers:\n  - '{hostile}'\n  - >-\n", 1)
    fiche.write_text(text, encoding="utf-8")
    page = build_site(content).pages["jalons/22/index.md"]
    view = search_view(page.html)
    assert view.restored(view.html) == page.html
    indexed = " ".join(entry["text"] for entry in index_entries("jalons/22/index.md", view.html, page.toc))
    assert "Voir &lt;!--jalons-hors-recherche:0--&gt; et &lt;p data-search-exclude&gt;caché&lt;/p&gt; ici" in indexed


@pytest.mark.lent
def test_a_build_in_two_processes_writes_the_site_a_build_in_one_writes(tmp_path):
    """The whole site, byte for byte: pages, search index, data, feed (PDF off, the same commit). The second build
    also renders from the templates the first one compiled and kept (site/compiled.py)."""
    from conftest import copy_project, mkdocs_build

    from jalons.site.compiled import TEMPLATE_CACHE_DIR

    project = copy_project(tmp_path / "projet")
    assert not (project / TEMPLATE_CACHE_DIR).exists()
    sites, kept = {}, {}
    for processes in ("1", "2"):
        sites[processes] = tmp_path / f"site-{processes}"
        result = mkdocs_build(project, sites[processes], env={"JALONS_PDF": "false", "JALONS_PROCESSUS": processes})
        assert result.returncode == 0, result.stderr
        assert f"rendues dans {processes} processus" in result.stderr
        kept[processes] = {path.name: path.stat().st_mtime_ns for path in (project / TEMPLATE_CACHE_DIR).iterdir()}
    assert len(kept["1"]) > 40  # the theme's templates and ours
    assert kept["2"] == kept["1"]  # none compiled again, none written again
    files = {processes: sorted(path.relative_to(site) for path in site.rglob("*") if path.is_file())
             for processes, site in sites.items()}
    assert files["1"] == files["2"] and len(files["1"]) > 100
    different = [path for path in files["1"] if (sites["1"] / path).read_bytes() != (sites["2"] / path).read_bytes()]
    assert different == []


HOOK = """
from mkdocs.structure.files import File


def on_files(files, config):
    files.remove(files.get_file_from_path("donnees/jalons.csv"))
    files.remove(files.get_file_from_path("feed.xml"))
    files.append(File.generated(config, "feed.xml", content="<feed>celui du crochet</feed>"))
    return files
"""


@pytest.mark.lent
def test_thirty_fiches_built_in_two_processes_are_the_site_built_in_one(tmp_path):
    """Enough fiches for the current versions' pages to be rendered in a process of their own while MkDocs renders
    the others (site/parallel.Later), and for the plugin's files to be written by another process from the start,
    before MkDocs says which it copies (site/background.WrittenApart): the same site, byte for byte. Those a later
    plugin (here a hook) took out or replaced are as MkDocs leaves them."""
    import bench
    from conftest import copy_project, mkdocs_build

    project = copy_project(tmp_path / "projet")
    shutil.rmtree(project / "content")
    bench.generate_real_corpus(project / "content", 30)  # as the benchmark makes it: clones of fiche 22
    (project / "crochets.py").write_text(HOOK, encoding="utf-8")
    with (project / "mkdocs.yml").open("a", encoding="utf-8") as config:
        config.write("\nhooks:\n  - crochets.py\n")
    sites, said = {}, {}
    for processes in ("1", "2"):
        sites[processes] = tmp_path / f"site-{processes}"
        result = mkdocs_build(project, sites[processes], env={"JALONS_PDF": "false", "JALONS_PROCESSUS": processes})
        assert result.returncode == 0, result.stderr
        said[processes] = [re.sub(r"\d+(\.\d+)? (seconds|processus)", "…", line)  # durations, process counts
                           for line in result.stderr.replace(str(sites[processes]), "site").splitlines()]
    assert said["2"] == said["1"]  # nothing more said by the process rendering the versions, nor by its end
    files = sorted(path.relative_to(sites["1"]) for path in sites["1"].rglob("*") if path.is_file())
    assert files == sorted(path.relative_to(sites["2"]) for path in sites["2"].rglob("*") if path.is_file())
    assert len([path for path in files if path.match("jalons/*/2025-07/index.html")]) == 30
    assert [path for path in files if (sites["1"] / path).read_bytes() != (sites["2"] / path).read_bytes()] == []
    assert (sites["2"] / "donnees/jalons.json").is_file() and not (sites["2"] / "donnees/jalons.csv").exists()
    assert (sites["2"] / "feed.xml").read_text(encoding="utf-8") == "<feed>celui du crochet</feed>"


@pytest.mark.lent
def test_a_negative_number_of_processes_is_refused_in_french(tmp_path):
    from conftest import copy_project, mkdocs_build

    result = mkdocs_build(copy_project(tmp_path / "projet"), env={"JALONS_PDF": "false", "JALONS_PROCESSUS": "-1"})
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert "option 'processus': valeur attendue : un nombre de processus, 0 ou plus (0 : un par processeur) ; " \
           "trouvé : le nombre -1" in result.stderr


@pytest.mark.parametrize(("option", "value", "said"), [
    ("pdf", "peut-être", "true ou false ; trouvé : le texte « peut-être »"),
    ("processus", "deux", "un nombre de processus, 0 ou plus (0 : un par processeur) ; trouvé : le texte « deux »"),
    ("processus", True, "un nombre de processus, 0 ou plus (0 : un par processeur) ; trouvé : le booléen true"),
    ("content_dir", 3, "le dossier du contenu (un texte) ; trouvé : le nombre 3"),
    ("derive_versions", "oui", "true ou false ; trouvé : le texte « oui »"),
])
def test_a_wrong_setting_of_the_plugin_is_said_in_french(option, value, said):
    """mkdocs.yml, or the variable it reads (JALONS_PDF=peut-être): MkDocs prefixes the option's name."""
    from jalons.plugin import JalonsConfig

    config = JalonsConfig()
    config.load_dict({option: value})
    failed, _warnings = config.validate()
    assert [(name, str(error)) for name, error in failed] == [(option, f"valeur attendue : {said}")]


@pytest.mark.parametrize("generate", ["generate_corpus", "generate_real_corpus"])
def test_the_benchmarks_corpora_are_valid_content(generate, tmp_path):
    """scripts/bench.py measures on content it writes: content the model refuses would stop it (the lorem corpus
    kept a key that issue 24 removed, unnoticed until a full run)."""
    import bench

    from jalons.content.loading import load_corpus

    getattr(bench, generate)(tmp_path / "content", 30)  # the fixed pages link jalons up to 25
    assert len(load_corpus(tmp_path / "content").jalons) == 30


def test_fiches_read_in_several_processes_make_the_corpus_and_the_errors_read_in_one(tmp_path, monkeypatch):
    import bench

    from jalons.content.errors import ContentErrors
    from jalons.content.loading import load_corpus

    content = tmp_path / "content"
    bench.generate_real_corpus(content, 30)
    monkeypatch.setattr(parallel, "MIN_JOBS_PER_PROCESS", 2)
    in_three = partial(parallel.run_all, workers=3)
    assert load_corpus(content, in_three).jalons == load_corpus(content).jalons
    # Errors of every kind, from fiches that several processes read: all of them, in the order one process says them.
    fiches = sorted((content / "jalons").iterdir())
    fiches[3].write_text(fiches[3].read_text(encoding="utf-8") + "cle_inconnue: 1\n", encoding="utf-8")
    fiches[17].write_text("numero: [\n", encoding="utf-8")
    fiches[26].write_text(fiches[26].read_text(encoding="utf-8").replace("numero: 27", "numero: 28"), encoding="utf-8")
    reports = []
    for run_all in (in_three, partial(parallel.run_all, workers=1)):
        with pytest.raises(ContentErrors) as raised:
            load_corpus(content, run_all)
        reports.append(raised.value.report())
    assert reports[0] == reports[1]
    assert all(fiche.name in reports[0] for fiche in (fiches[3], fiches[17], fiches[26])), reports[0]


@pytest.mark.parametrize("value", ['a "b" \\ c', "ligne\nsuivante\ttab", "« l'économie » : x # y", "\u2028\x85\x0b\u202e\ufeff",
                                   "🙂 \U0010fffd", "- [x]: {y}", "", "null", "1.0", "true"])
def test_the_metadata_given_to_mkdocs_is_what_it_reads_in_the_front_matter(value):
    """MkDocs is handed a generated page's metadata as they are (plugin.MadePage) rather than reading its front matter
    again: the same values, whatever a value holds, in a text or in a list."""
    from mkdocs.utils.meta import get_data

    from jalons.site.metadata import front_matter_text, front_matter_values

    values = front_matter_values(value or "t", value, jsonld=value, citation=[["citation_title", value]],
                                 search={"exclude": True})
    assert get_data(front_matter_text(values) + "<p>x</p>") == ("<p>x</p>", values)


def test_every_generated_pages_metadata_is_what_mkdocs_reads_in_its_front_matter(site):
    from mkdocs.utils.meta import get_data

    for src_uri, page in site.pages.items():
        assert get_data(page.markdown) == (page.html, page.meta), src_uri


def test_an_addendums_blocks_of_html_come_back_where_markdown_left_their_marks(site):
    """The home page's map and list, the general form: kept apart from Markdown, put back in the HTML it made."""
    import markdown

    from jalons.site.rendering import Addendum

    for src_uri in ("index.md", "contribuer.md", "contribuer/depot.md"):
        addendum = site.additions[src_uri]
        assert addendum.blocks and all("jalons-bloc" not in block for block in addendum.blocks), src_uri
        made = markdown.markdown("# Page\n\nTexte.\n" + addendum.markdown, extensions=["toc", "tables"])
        whole = markdown.markdown("# Page\n\nTexte.\n" + addendum.whole, extensions=["toc", "tables"])
        assert addendum.restored(made).split() == whole.split(), src_uri  # the same, but for the blank lines
    blocks = Addendum("<!--jalons-bloc:0-->\n\n<!--jalons-bloc:1-->", ("<p>carte</p>", "<ul><li>liste</li></ul>"))
    # A mark the page's own text wrote before the addendum's stays as it was written; the addendum's is the last.
    assert blocks.restored("<p>Voir</p><!--jalons-bloc:1--><!--jalons-bloc:0-->\n<!--jalons-bloc:1-->") == \
        "<p>Voir</p><!--jalons-bloc:1--><p>carte</p>\n<ul><li>liste</li></ul>"
    assert blocks.restored("<!--jalons-bloc:0-->") is None  # another plugin removed one: said, not published without


@pytest.mark.lent
def test_a_build_leaves_the_collector_as_it_found_it_whether_it_succeeds_or_fails(tmp_path, monkeypatch):
    """The build sets what lives to its end out of the collector's rounds (plugin.py, gc.freeze); a program that
    builds in its own process, again and again, gets it all back to collect, after a build that failed too."""
    import gc

    from conftest import copy_project
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, PluginError

    project = copy_project(tmp_path / "projet")
    monkeypatch.setenv("JALONS_PDF", "false")
    monkeypatch.chdir(project)
    assert gc.get_freeze_count() == 0
    build(load_config(str(project / "mkdocs.yml")))
    assert (project / "site/jalons/22/index.html").is_file() and gc.get_freeze_count() == 0
    fiche = next((project / "content/jalons").glob("22-*.yml"))
    fiche.write_text(fiche.read_text(encoding="utf-8") + "cle_inconnue: 1\n", encoding="utf-8")
    with pytest.raises((Abort, PluginError)):
        build(load_config(str(project / "mkdocs.yml")))
    assert gc.get_freeze_count() == 0


def mkdocs_config(tmp_path):
    from mkdocs.config.defaults import MkDocsConfig

    (tmp_path / "docs").mkdir(exist_ok=True)
    config = MkDocsConfig()
    config.load_dict({"site_name": "Essai", "docs_dir": str(tmp_path / "docs"), "site_url": "https://example.org/"})
    failed, _warnings = config.validate()
    assert not failed
    return config


def test_a_made_page_is_read_as_made_unless_another_plugin_gives_its_source(site, tmp_path):
    """plugin.MadePage: MkDocs gets the generated page's metadata and table of contents as they are; a plugin that
    gives pages their source (`on_page_read_source`) is heard, as MkDocs would hear it."""
    from mkdocs.structure.files import File

    from jalons.plugin import MadePage

    config = mkdocs_config(tmp_path)
    made = site.pages["jalons/22/index.md"]
    (tmp_path / "docs/jalons/22").mkdir(parents=True)
    (tmp_path / "docs/jalons/22/index.md").write_text(made.markdown, encoding="utf-8")
    file = File("jalons/22/index.md", str(tmp_path / "docs"), str(tmp_path / "site"), use_directory_urls=True)
    page = MadePage(file, config, made)
    page.read_source(config)
    page.render(config, None)
    assert (page.markdown, page.meta, page.title) == (made.html, made.meta, made.meta["title"])
    assert [item.id for item in page.toc] == [token["id"] for token in made.toc]
    assert {"ressources", "pourquoi-ce-jalon"} <= page.present_anchor_ids  # what links to it may point to
    config.plugins.events["page_read_source"].append(lambda page, config: "---\ntitle: Autre\n---\n<p>autre</p>")
    page = MadePage(file, config, made)
    page.read_source(config)
    assert (page.markdown, page.meta) == ("<p>autre</p>", {"title": "Autre"})


def test_an_addendum_whose_marks_another_plugin_removed_fails_the_build_in_french(site):
    from mkdocs.exceptions import PluginError

    from jalons.plugin import JalonsPlugin

    plugin = JalonsPlugin()
    plugin.site = site
    page = SimpleNamespace(file=SimpleNamespace(src_uri="index.md"))
    markdown_made = "<h1>Accueil</h1>" + site.additions["index.md"].markdown
    assert "jalons-carte" in plugin._with_blocks(markdown_made, page)
    with pytest.raises(PluginError, match="un autre plugin a retiré les commentaires « jalons-bloc »"):
        plugin._with_blocks(re.sub(r"<!--jalons-bloc:\d+-->", "", markdown_made), page)
