#!/usr/bin/env python3
"""Benchmark of the site generator on synthetic corpora (67, 500 and 999 fiches by default: 999 is the most a
roadmap may have, `nombre_jalons`' bound, as a jalon's number has three digits in every address).

Measures, in one run, as ratios:
  (a) `mkdocs build` with the jalons plugin vs. MkDocs + Material building the same pages written out
      as plain Markdown (the plugin's own cost);
  (b) reading and validating the content, per fiche, in process (what every build and `jalons check` start with);
  (c) a rebuild with PDFs on and unchanged content (warm cache) vs. PDFs off;
  (d) peak memory (maximum resident set size) of each build;
  (e) readers' speed: Lighthouse (mobile, its default) on the home page, /jalons/ and /jalons/22/ of the
      repository's own site, served compressed as GitHub Pages serves it: scores and bytes transferred;
and writes BENCHMARKS.md. Corpora are written outside content/ (a temporary folder by default); the
text is lorem-like French, made up for the measure: none of it is content of the roadmap.

    python scripts/bench.py                      # 67, 500, 999 fiches; about 10 minutes on 2 cores
    python scripts/bench.py --sizes 67 500 --repeat 1 --output /tmp/bench.md
"""

from __future__ import annotations

import argparse
import io
import datetime
import json
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "plugins"))

from ruamel.yaml import YAML  # noqa: E402

from site_tour import CHROMIUM, CHROMIUM_ARGS, served  # noqa: E402

from jalons.export import export_site  # noqa: E402
from jalons.content.linking import build_graph  # noqa: E402
from jalons.content.loading import load_corpus  # noqa: E402
from jalons.content import textmarkup
from jalons.site import urls# noqa: E402
from jalons.site.rendering import PageRenderer  # noqa: E402
from jalons.content.history import load_history  # noqa: E402

WORDS = ("économie circulaire transition réemploi réparation recyclage matières premières secondaires filière "
         "territoire municipalité entreprise organisation coopérative chaîne valeur approvisionnement "
         "consommation responsable écoconception mutualisation infrastructure données indicateur financement "
         "recherche formation compétences gouvernance concertation réglementation marché public innovation "
         "symbiose industrielle déchets ressources résiduelles collecte tri valorisation sensibilisation "
         "citoyens partenaires réseau collaboration pratiques modèles affaires location partage").split()
TYPES = ("organisation", "programme", "publication", "plateforme", "outil")


def sentence(rng: random.Random, low: int = 12, high: int = 35) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(low, high))]
    return words[0].capitalize() + " " + " ".join(words[1:]) + "."


def generate_corpus(folder: Path, count: int, seed: int = 2025) -> None:
    """A content folder with `count` fiches citing each other, resources and stakeholder groups."""
    rng = random.Random(seed)
    yaml = YAML()
    yaml.width = 4096
    (folder / "jalons").mkdir(parents=True)
    (folder / "ressources").mkdir()
    shutil.copytree(ROOT / "content" / "pages", folder / "pages")
    roadmap = yaml.load((ROOT / "content" / "feuille-de-route.yml").read_text(encoding="utf-8"))
    roadmap["nombre_jalons"] = count
    roadmap["parties_prenantes"] = [{"id": f"groupe-{k}", "nom": f"Groupe d'essai {k}"} for k in range(1, 13)]
    roadmap["a_propos"] = "Corpus d'essai pour la mesure des performances ; aucun texte n'est réel."
    with (folder / "feuille-de-route.yml").open("w", encoding="utf-8") as stream:
        yaml.dump(roadmap, stream)
    resources = [f"ressource-{k}" for k in range(1, max(count // 3, 4) + 1)]
    for index, identifiant in enumerate(resources):
        data = {"titre": sentence(rng, 3, 8).rstrip("."), "auteur": f"Organisation d'essai {index}",
                "annee": rng.randint(2010, 2025), "type": rng.choice(TYPES)}
        if rng.random() < 0.5:
            data["url"] = f"https://exemple.org/{identifiant}"
        with (folder / "ressources" / f"{identifiant}.yml").open("w", encoding="utf-8") as stream:
            yaml.dump(data, stream)
    levels = [level["id"] for level in roadmap["echelle"]]
    liste, assessed = [], {}
    for numero in range(1, count + 1):
        def item() -> str:
            text = " ".join(sentence(rng) for _ in range(rng.randint(1, 3)))
            if rng.random() < 0.3:
                text += f" Voir le jalon {rng.randint(1, count)}."
            if rng.random() < 0.2:
                text += f" Voir [la ressource](ressource:{rng.choice(resources)})."
            return text
        data = {
            "numero": numero,
            "titre": sentence(rng, 4, 9).rstrip("."),
            "enonce": sentence(rng, 15, 30).rstrip("."),
            "pivot": rng.random() < 0.1,
            "mobiliser": sorted(rng.sample([f"groupe-{k}" for k in range(1, 13)], rng.randint(1, 3))),
            **{key: [item() for _ in range(rng.randint(2, 6))]
               for key in ("pourquoi", "leviers", "facilitateurs", "freins", "questions")},
            "ressources": sorted(rng.sample(resources, rng.randint(1, 4))),
            "version": f"{rng.randint(2025, 2026)}-{rng.randint(1, 12):02d}",
        }
        if rng.random() < 0.6:  # assessed in a campaign, as a level is given since issue 24
            assessed[numero] = {"niveau": rng.choice(levels), "justification": sentence(rng, 8, 20),
                                "preuves": [f"[{sentence(rng, 2, 4).rstrip('.')}](ressource:{rng.choice(resources)})"]}
        with (folder / "jalons" / f"{numero:02d}-fiche-essai.yml").open("w", encoding="utf-8") as stream:
            yaml.dump(data, stream)
        liste.append({"numero": numero, "enonce": data["enonce"], "pivot": data["pivot"]})
    (folder / "evaluations").mkdir()
    with (folder / "evaluations" / "2026-06.yml").open("w", encoding="utf-8") as stream:
        yaml.dump({"titre": "Campagne d'essai", "methode": "Lecture d'essai des fiches.", "jalons": assessed}, stream)
    # The roadmap's list of jalons, which every fiche is checked against (content/liste-des-jalons.yml).
    with (folder / "liste-des-jalons.yml").open("w", encoding="utf-8") as stream:
        yaml.dump({"jalons": liste}, stream)


FICHE_22 = ROOT / "content" / "jalons" / "22-reseaux-de-collaboration.yml"


def generate_real_corpus(folder: Path, count: int) -> None:
    """A content folder of `count` clones of fiche 22 (its real text, its resources), numbered 1 to `count`, with
    a list of jalons giving each its statement: the length and markup of the roadmap's own fiches."""
    yaml = YAML()
    yaml.width = 4096
    shutil.copytree(ROOT / "content" / "pages", folder / "pages")
    shutil.copytree(ROOT / "content" / "ressources", folder / "ressources")
    (folder / "jalons").mkdir()
    roadmap = yaml.load((ROOT / "content" / "feuille-de-route.yml").read_text(encoding="utf-8"))
    roadmap["nombre_jalons"] = count
    with (folder / "feuille-de-route.yml").open("w", encoding="utf-8") as stream:
        yaml.dump(roadmap, stream)
    fiche = FICHE_22.read_text(encoding="utf-8")
    enonce = yaml.load(fiche)["enonce"]
    for numero in range(1, count + 1):
        (folder / "jalons" / f"{numero:02d}-reseaux-de-collaboration.yml").write_text(
            fiche.replace("numero: 22", f"numero: {numero}"), encoding="utf-8")
    with (folder / "liste-des-jalons.yml").open("w", encoding="utf-8") as stream:
        yaml.dump({"jalons": [{"numero": numero, "enonce": enonce} for numero in range(1, count + 1)]}, stream)


PLAIN_CONFIG = """site_name: Fiches jalons
use_directory_urls: true
theme:
  name: material
  language: fr
  font: false
plugins:
  - search:
      lang: fr
nav:
  - Accueil: index.md
  - Jalons: jalons/1/index.md
"""


def fiche_as_plain_markdown() -> str:
    """Fiche 22 written by hand as a plain Markdown page: its title, statement, sections as lists and resources,
    the same text as the fiche's page, without what only the plugin adds (forms, levels, citations)."""
    fiche = YAML(typ="safe").load(FICHE_22.read_text(encoding="utf-8"))
    lines = [f"# {fiche['titre']}", "", f"> {' '.join(fiche['enonce'].split())}", ""]
    headings = {"pourquoi": "Pourquoi ce jalon?", "leviers": "Comment pourrait-on s'y rendre?",
                "facilitateurs": "Qu'est-ce qui peut faciliter ce changement?",
                "freins": "Qu'est-ce qui peut freiner sa mise en œuvre?", "questions": "Qu'est-ce qu'il reste à éclaircir?"}
    for key, heading in headings.items():
        lines += [f"## {heading}", ""] + [f"- {' '.join(item.split())}" for item in fiche[key]] + [""]
    lines += ["## Ressources", ""] + [f"- {identifiant}" for identifiant in fiche["ressources"]] + [""]
    return "\n".join(lines)


def write_page_per_fiche_project(baseline: Path, count: int) -> None:
    """MkDocs + Material alone on `count` plain Markdown pages of a fiche's text (fiche 22), with a small
    navigation: what any site of as many pages of that size costs, the reference of (a) on real text."""
    docs = baseline / "docs"
    docs.mkdir(parents=True)
    (docs / "index.md").write_text("# Fiches jalons\n\nLes fiches.\n", encoding="utf-8")
    page = fiche_as_plain_markdown()
    for numero in range(1, count + 1):
        target = docs / "jalons" / str(numero) / "index.md"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(page, encoding="utf-8")
    (baseline / "mkdocs.yml").write_text(PLAIN_CONFIG, encoding="utf-8")


def write_plain_project(project: Path, baseline: Path) -> None:
    """The same pages, rendered by the plugin's code and written as a plain project (`jalons export`),
    for MkDocs + Material alone: what the site would cost without the plugin."""
    export_site(project / "mkdocs.yml", project / "content", baseline, None)


@dataclass
class Run:
    seconds: float
    peak_mib: float


def timed_build(project: Path, pdf: bool, site_dir: Path | None = None) -> Run:
    """One `mkdocs build` in a child process: its wall time and its own peak memory (wait4). Into the project's
    `site/`, which the previous build left, or into `site_dir`, a new folder."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "JALONS_PDF": "true" if pdf else "false",
           "SOURCE_DATE_EPOCH": "1767225600"}
    folder = ["--site-dir", str(site_dir)] if site_dir is not None else []
    start = time.perf_counter()
    child = subprocess.Popen([sys.executable, "-m", "mkdocs", "build", "-q", *folder], cwd=project, env=env,
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"build failed in {project}: {child.stderr.read().decode()[-2000:]}")
    return Run(seconds, usage.ru_maxrss / 1024)


def best(runs: list[Run]) -> Run:
    return Run(min(r.seconds for r in runs), max(r.peak_mib for r in runs))


def measure(size: int, workdir: Path, repeat: int, pdf_sizes: set[int]) -> dict:
    project = workdir / f"corpus-{size}"
    project.mkdir()
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    shutil.copytree(ROOT / "overrides", project / "overrides")
    generate_corpus(project / "content", size)
    baseline = workdir / f"markdown-{size}"
    write_plain_project(project, baseline)

    checks, renders = [], []
    for _ in range(max(repeat, 3)):
        # Each round as in a fresh build process: nothing parsed or resolved beforehand.
        textmarkup._inline_tokens.cache_clear()
        urls.relative.cache_clear()
        start = time.perf_counter()
        corpus = load_corpus(project / "content")
        loaded = time.perf_counter()
        renderer = PageRenderer(corpus, build_graph(corpus), load_history(corpus, use_git=False))
        renderer.site_pages()
        renderer.data_files()
        checks.append(loaded - start)
        renders.append(time.perf_counter() - loaded)

    plugin = best([timed_build(project, pdf=False) for _ in range(repeat)])
    plain = best([timed_build(baseline, pdf=False) for _ in range(repeat)])
    result = {"size": size, "plugin": plugin, "plain": plain, "check_ms": 1000 * min(checks) / size,
              "render_ms": 1000 * min(renders) / size}
    if size in pdf_sizes:
        result["pdf_cold"] = timed_build(project, pdf=True)
        result["pdf_warm"] = best([timed_build(project, pdf=True) for _ in range(repeat)])
    print(f"{size} fiches: plugin {plugin.seconds:.2f} s, Markdown {plain.seconds:.2f} s, "
          f"check {result['check_ms']:.2f} ms/fiche"
          + (f", PDF warm {result['pdf_warm'].seconds:.2f} s" if "pdf_warm" in result else ""), flush=True)
    return result


LIGHTHOUSE_PAGES = {"Accueil": "", "Index des jalons": "jalons/", "Fiche du jalon 22": "jalons/22/"}
LIGHTHOUSE = ROOT / "node_modules" / "lighthouse" / "cli" / "index.js"


def lighthouse_measures(workdir: Path, runs: int) -> list[dict]:
    """Lighthouse in mobile mode on the site's pages; for each page, the run with the median performance."""
    site = workdir / "site-lighthouse"
    build = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", str(site)],
                           cwd=ROOT, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, capture_output=True, text=True)
    if build.returncode:
        raise SystemExit(build.stderr)
    measures = []
    with served(site) as base_url:
        for name, path in LIGHTHOUSE_PAGES.items():
            reports = []
            for _ in range(runs):
                output = workdir / "lighthouse.json"
                subprocess.run(["node", str(LIGHTHOUSE), base_url + path, "--output=json", f"--output-path={output}",
                                "--quiet", "--chrome-flags=--headless=new " + " ".join(CHROMIUM_ARGS)],
                               check=True, capture_output=True, env={**os.environ, "CHROME_PATH": str(CHROMIUM)})
                reports.append(json.loads(output.read_text(encoding="utf-8")))
            reports.sort(key=lambda report: report["categories"]["performance"]["score"])
            report = reports[len(reports) // 2]
            audits = report["audits"]
            measures.append({
                "page": name, "path": "/" + path,
                "scores": {key: category["score"] for key, category in report["categories"].items()},
                "kib": audits["total-byte-weight"]["numericValue"] / 1024,
                "fcp": audits["first-contentful-paint"]["numericValue"] / 1000,
                "lcp": audits["largest-contentful-paint"]["numericValue"] / 1000,
                "tbt": audits["total-blocking-time"]["numericValue"],
                "all_performance": [r["categories"]["performance"]["score"] for r in reports],
            })
    return measures


def lighthouse_report(measures: list[dict], runs: int) -> list[str]:
    lines = ["", "## (e) Vitesse pour les lecteurs : Lighthouse 12.2.3, mode mobile", "",
             f"Le site du dépôt, servi compressé (gzip) comme GitHub Pages le sert ; {runs} passages par page, "
             "la ligne est celui de performance médiane. Lighthouse simule un téléphone moyen sur un réseau "
             "4G lent : les temps sont ceux de cette simulation.", "",
             "| page | performance | accessibilité | bonnes pratiques | SEO | transféré (Kio) | FCP (s) | LCP (s) | TBT (ms) | performance des passages |",
             "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |"]
    for m in measures:
        s = m["scores"]
        lines.append(f"| {m['page']} (`{m['path']}`) | {s['performance']:.2f} | {s['accessibility']:.2f} | "
                     f"{s['best-practices']:.2f} | {s['seo']:.2f} | {m['kib']:.0f} | {m['fcp']:.1f} | {m['lcp']:.1f} | "
                     f"{m['tbt']:.0f} | {', '.join(f'{p:.2f}' for p in m['all_performance'])} |")
    fiche = next(m for m in measures if m["path"] == "/jalons/22/")
    lines += ["", f"- Cible ≥ 0,98 sur les fiches : {fiche['scores']['performance']:.2f}, "
              + ("atteinte." if fiche["scores"]["performance"] >= 0.98 else "non atteinte dans cette exécution.")
              + " Accessibilité, bonnes pratiques et SEO à 1,00 sont vérifiés par les tests (test_quality.py) ; "
              "la performance est une mesure, pas un test, car elle dépend de la machine.",
              "- Retiré de ce qu'une fiche charge : les scripts de la carte et des filtres (chaque page ne charge "
              "plus que ceux dont elle se sert). Les couleurs sont des variables de jalons.css, sans la feuille "
              "de palette de Material ; aucune police n'est chargée (`font: false`).",
              "- Servie sans compression (le serveur de test d'avant), la fiche était à 0,91 : la feuille de style "
              "et le script de Material font 134 et 111 Kio, 22 et 34 Kio une fois compressés, comme GitHub Pages "
              "les envoie."]
    return lines


def report(results: list[dict], command: str, lighthouse: list[dict] | None = None, runs: int = 0) -> str:
    machine = f"{platform.machine()}, {os.cpu_count()} cœurs, Python {platform.python_version()}"
    lines = [
        "# Mesures de performance",
        "",
        f"Mesuré le {datetime.date.today().isoformat()} ({machine}), en une seule exécution de :",
        "",
        f"    {command}",
        "",
        "Corpus synthétiques (texte de type lorem en français, liens entre fiches, ressources, parties",
        "prenantes) écrits hors de `content/`. Chaque temps est le meilleur de plusieurs constructions",
        "(`mkdocs build` dans un processus à part) ; la mémoire est le maximum de mémoire résidente du processus.",
        "",
        "## (a) Le plugin face à MkDocs + Material seuls, et (d) la mémoire",
        "",
        "| fiches | avec le plugin (s) | Markdown seul (s) | rapport (a) | ms par fiche (plugin) | mémoire plugin (Mio) | mémoire Markdown (Mio) |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in results:
        lines.append(f"| {r['size']} | {r['plugin'].seconds:.2f} | {r['plain'].seconds:.2f} | "
                     f"{r['plugin'].seconds / r['plain'].seconds:.2f} | {1000 * r['plugin'].seconds / r['size']:.1f} | "
                     f"{r['plugin'].peak_mib:.0f} | {r['plain'].peak_mib:.0f} |")
    if len(results) >= 2:
        first, last = results[-2], results[-1]
        growth = (last["plugin"].seconds / first["plugin"].seconds) / (last["size"] / first["size"])
        lines += ["", f"Croissance de {first['size']} à {last['size']} fiches : le temps est multiplié par "
                      f"{last['plugin'].seconds / first['plugin'].seconds:.2f} pour {last['size'] / first['size']:.0f} "
                      f"fois plus de fiches (rapport à la croissance linéaire : {growth:.2f} ; 1,00 = linéaire)."]
    lines += ["", "## (b) Lire et valider le contenu, par fiche ; et le rendu des pages par le plugin", "",
              "| fiches | lire et valider : ms par fiche | rendu des pages et données : ms par fiche |",
              "| ---: | ---: | ---: |"]
    lines += [f"| {r['size']} | {r['check_ms']:.2f} | {r['render_ms']:.2f} |" for r in results]
    pdf = [r for r in results if "pdf_warm" in r]
    if pdf:
        lines += ["", "## (c) Reconstruction avec les PDF (cache chaud, contenu inchangé) face aux PDF désactivés", "",
                  "| fiches | PDF, premier passage (s) | PDF, cache chaud (s) | sans PDF (s) | rapport (c) |",
                  "| ---: | ---: | ---: | ---: | ---: |"]
        lines += [f"| {r['size']} | {r['pdf_cold'].seconds:.2f} | {r['pdf_warm'].seconds:.2f} | "
                  f"{r['plugin'].seconds:.2f} | {r['pdf_warm'].seconds / r['plugin'].seconds:.2f} |" for r in pdf]
    lines += ["", "## Lecture", ""]
    at_500 = next((r for r in results if r["size"] == 500), results[-1])
    ratio_a = at_500["plugin"].seconds / at_500["plain"].seconds
    extra_ms = 1000 * (at_500["plugin"].seconds - at_500["plain"].seconds) / at_500["size"]
    lines.append(f"- (a) cible ≤ 1,10 à {at_500['size']} fiches : {ratio_a:.2f}, "
                 + ("atteinte. Le plugin lit, valide et rend chaque fiche (YAML "
                    f"{at_500['check_ms']:.2f} ms, pages et données {at_500['render_ms']:.2f} ms par fiche), mais il "
                    "donne à MkDocs le HTML de ses pages et leur table des matières : elles ne sont pas relues par "
                    "Python-Markdown, qui coûte plus cher que ce travail dans la construction des mêmes pages "
                    "écrites en Markdown. Un rapport inférieur à 1 veut dire que le site se construit plus vite "
                    "avec le plugin que ses pages écrites à la main." if ratio_a <= 1.10 else
                    f"non atteinte. Le plugin ajoute {extra_ms:.1f} ms par fiche à une construction qui en "
                    f"coûte {1000 * at_500['plain'].seconds / at_500['size']:.1f} sans lui : lire et valider "
                    f"le YAML ({at_500['check_ms']:.2f} ms), produire les pages et les données "
                    f"({at_500['render_ms']:.2f} ms), le reste allant au démarrage de ses bibliothèques "
                    "(pydantic, markdown-it, Jinja, environ 0,2 s par construction), à ses gabarits de thème "
                    "(métadonnées de partage, JSON-LD) et à la mémoire qu'il occupe (colonne (d)). Ce travail "
                    "est du Python pur par fiche ; il est déjà débarrassé de ce que le profilage (cProfile) a "
                    "montré d'évitable (voir « Ce qui a été retiré »)."))
    if len(results) >= 2:
        lines.append(f"- Croissance de {first['size']} à {last['size']} fiches : {growth:.2f} fois la croissance "
                     "linéaire" + (" : linéaire." if growth <= 1.15 else " : plus que linéaire."))
    for r in pdf:
        ratio_c = r["pdf_warm"].seconds / r["plugin"].seconds
        lines.append(f"- (c) cible ≤ 1,10 à {r['size']} fiches : {ratio_c:.2f}, "
                     + ("atteinte." if ratio_c <= 1.10 else "non atteinte dans cette exécution : ce qui reste est la copie "
                        "des PDF dans site/ et le calcul de leurs empreintes ; comparer plusieurs exécutions, "
                        "le bruit de la machine est de quelques pour cent."))
    lines += ["", "## Ce qui a été retiré (profilage avec cProfile, 500 fiches)", "",
              "- La lecture YAML en Python pur (ruamel.yaml) prenait plus de la moitié du temps du plugin "
              "(6,8 ms par fiche pour `jalons check`) : le contenu est lu avec l'analyseur C de PyYAML, "
              "positions comprises ; ruamel.yaml ne sert plus qu'à modifier un fichier en gardant ses commentaires.",
              "- Chaque texte était analysé trois fois (vérification des liens, graphe, rendu) et le cache de "
              "4 096 entrées débordait dès quelques centaines de fiches : cache agrandi, et un texte sans "
              "aucune marque n'est plus analysé du tout (équivalence vérifiée par un test de propriétés).",
              "- Les liens relatifs passaient par `posixpath.relpath` (appels système) : calcul sur les chaînes.",
              "- Les pages générées, déjà en HTML, étaient relues par Python-Markdown (près de la moitié du temps "
              "d'une construction, surtout son analyseur de blocs HTML) : le plugin remet à MkDocs leur HTML et "
              "leur table des matières (intertitres ancrés comme le ferait l'extension `toc`). Le rapport (a) à "
              "500 fiches est passé de 1,31 à moins de 1.",
              "- Une reconstruction avec PDF importait WeasyPrint pour lire sa version, et rendait la page "
              "d'impression de chaque fiche pour calculer la clé du cache : la version vient des métadonnées "
              "du paquet, et la clé est l'empreinte de ce dont la fiche est faite ; rien n'est rendu si le "
              "cache est à jour.",
              "", "Pour relancer : `python scripts/bench.py` (environ 15 minutes sur 2 cœurs) ; "
              "`--sizes 67 500 --repeat 1` pour un aperçu."]
    if lighthouse:
        lines += lighthouse_report(lighthouse, runs)
    return "\n".join(lines) + "\n"


SUITE_HEADING = "## (f) La suite de tests"
# Before issue 13's work on the suite: the last CI run of the previous session (one process, 2 cores).
SUITE_BEFORE = ("620 tests en 541 s (un seul processus ; `.ci/run` du 2026-11-26 sur cette machine), avant le travail "
                "de l'issue 13 sur la suite ; 676 tests en 336 s (un processus) et 280 s (tous les cœurs) le 2026-11-27, "
                "avant la visite partagée des pages (`tests/tour.py`) ; 680 tests en 268 s (un processus) et 211 s "
                "(tous les cœurs) le 2026-11-28, avant que les tests ne pilotent `chromium-headless-shell`")


SUITE_RUNS = (
    ("tout, un processus (`pytest -n 0`)", ["-n", "0"]),
    ("tout, tous les cœurs (`pytest`)", []),
    # The fast tier (CONTRIBUTING.md), what a person runs while editing.
    ("palier rapide, un processus (`pytest -m \"not lent\" -n 0`)", ["-m", "not lent", "-n", "0"]),
    ("palier rapide, tous les cœurs (`pytest -m \"not lent\"`)", ["-m", "not lent"]),
)


def suite_measures() -> list[tuple[str, str, float]]:
    """The whole suite as CI runs it (CI=true: no browser test skipped), and its fast tier, in one process and on
    every core, one after the other."""
    measures = []
    for label, extra in SUITE_RUNS:
        start = time.perf_counter()
        result = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *extra], cwd=ROOT,
                                capture_output=True, text=True, env={**os.environ, "CI": "true"})
        seconds = time.perf_counter() - start
        summary = next((line for line in reversed(result.stdout.splitlines()) if " in " in line and "passed" in line),
                       result.stdout.strip().splitlines()[-1] if result.stdout.strip() else "aucun résultat")
        measures.append((label, summary.strip("= "), seconds))
    return measures


def suite_report(measures: list[tuple[str, str, float]]) -> list[str]:
    lines = ["", SUITE_HEADING, "", f"Mesuré le {datetime.date.today().isoformat()} ({os.cpu_count()} cœurs), "
             "`python scripts/bench.py --suite`, avec `CI=true` (aucun test de navigateur sauté).", "",
             "| exécution | résultat | durée (s) |", "| --- | --- | ---: |"]
    lines += [f"| {label} | {summary} | {seconds:.0f} |" for label, summary, seconds in measures]
    lines += ["", f"Avant : {SUITE_BEFORE}.", ""]
    if len(measures) == len(SUITE_RUNS):
        lines.append(f"Rapports, de la même série : tous les cœurs / un processus, {measures[1][2] / measures[0][2]:.2f} ; "
                     f"palier rapide (un processus) / toute la suite (tous les cœurs), "
                     f"{measures[2][2] / measures[1][2]:.2f}.")
    return lines


def write_section(output: Path, heading: str, lines: list[str]) -> str:
    """One section of BENCHMARKS.md replaced (or added at the end), the other sections kept."""
    text = output.read_text(encoding="utf-8") if output.exists() else "# Mesures de performance\n"
    head, _found, rest = text.partition(heading)
    tail = rest[rest.find("\n## "):] if "\n## " in rest else ""
    text = head.rstrip("\n") + "\n" + "\n".join(lines) + "\n" + tail
    output.write_text(text, encoding="utf-8")
    return text


REAL_HEADING = "## (a) sur texte réel : des copies de la fiche 22 face à MkDocs + Material seuls"


def timed_check(project: Path) -> float:
    """`jalons check` as a contributor runs it: the whole command, in a child process (it renders the site too)."""
    start = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "jalons", "check", "content"], cwd=project, capture_output=True,
                            text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    if result.returncode != 0:
        raise SystemExit(f"jalons check failed in {project}: {result.stderr[-2000:]}")
    return time.perf_counter() - start


def real_measures(sizes: list[int], repeat: int, workdir: Path) -> list[dict]:
    """(a) on real text: for each size, `repeat` builds of the plugin's site and of the plain reference,
    alternated (plugin, reference, plugin…) so that the machine's drift weighs on both alike; and `jalons check`.
    Each side builds into the site its previous build left (a local rebuild), then into a new folder (a build on a
    fresh clone, as a deployment makes it); the new folders are removed only at the end: a file system without a
    journal creates files slowly just after thousands were removed (site/inplace.py)."""
    results = []
    for size in sizes:
        project, baseline = workdir / f"reel-{size}", workdir / f"reel-markdown-{size}"
        project.mkdir()
        shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
        shutil.copytree(ROOT / "overrides", project / "overrides")
        generate_real_corpus(project / "content", size)
        write_page_per_fiche_project(baseline, size)
        timed_build(project, pdf=False)  # the share images drawn once, as on any machine after its first build
        plugin, plain, checks, plugin_new, plain_new = [], [], [], [], []
        for round_ in range(repeat):
            plugin.append(timed_build(project, pdf=False))
            plain.append(timed_build(baseline, pdf=False))
            checks.append(timed_check(project))
            plugin_new.append(timed_build(project, pdf=False, site_dir=workdir / "neufs" / f"plugin-{size}-{round_}"))
            plain_new.append(timed_build(baseline, pdf=False, site_dir=workdir / "neufs" / f"plain-{size}-{round_}"))
        results.append({"size": size, "plugin": best(plugin), "plain": best(plain), "check": min(checks),
                        "plugin_new": best(plugin_new), "plain_new": best(plain_new)})
        print(f"texte réel, {size} fiches : plugin {results[-1]['plugin'].seconds:.2f} s, "
              f"Markdown {results[-1]['plain'].seconds:.2f} s ; dossier neuf : plugin "
              f"{results[-1]['plugin_new'].seconds:.2f} s, Markdown {results[-1]['plain_new'].seconds:.2f} s",
              flush=True)
    return results


def real_report(results: list[dict], command: str) -> list[str]:
    lines = ["", REAL_HEADING, "",
             f"Mesuré le {datetime.date.today().isoformat()} ({platform.machine()}, {os.cpu_count()} cœurs), en une "
             f"exécution de `{command}` : N copies de la fiche 22 (son texte, ses ressources ; une liste des jalons "
             "donne l'énoncé de chacun), PDF désactivés, face à MkDocs + Material seuls sur N pages Markdown du même "
             "texte et une petite navigation. Constructions alternées, meilleur temps de chacune : dans le site que "
             "la construction précédente a laissé (une reconstruction locale), puis dans un dossier neuf (la "
             "construction d'un clone neuf, celle d'un déploiement).", "",
             "| fiches | avec le plugin (s) | Markdown seul (s) | rapport (a) | plugin, dossier neuf (s) "
             "| Markdown, dossier neuf (s) | rapport, dossier neuf | mémoire plugin (Mio) | mémoire Markdown (Mio) "
             "| `jalons check` (s) |",
             "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for r in results:
        lines.append(f"| {r['size']} | {r['plugin'].seconds:.2f} | {r['plain'].seconds:.2f} | "
                     f"{r['plugin'].seconds / r['plain'].seconds:.2f} | {r['plugin_new'].seconds:.2f} | "
                     f"{r['plain_new'].seconds:.2f} | {r['plugin_new'].seconds / r['plain_new'].seconds:.2f} | "
                     f"{r['plugin'].peak_mib:.0f} | {r['plain'].peak_mib:.0f} | {r['check']:.2f} |")
    if len(results) >= 2:
        first, last = results[-2], results[-1]
        growth = (last["plugin"].seconds / first["plugin"].seconds) / (last["size"] / first["size"])
        memory = (last["plugin"].peak_mib / first["plugin"].peak_mib) / (last["size"] / first["size"])
        lines += ["", f"De {first['size']} à {last['size']} fiches : temps × {last['plugin'].seconds / first['plugin'].seconds:.2f}, "
                      f"mémoire × {last['plugin'].peak_mib / first['plugin'].peak_mib:.2f}, pour "
                      f"{last['size'] / first['size']:.0f} fois plus de fiches (rapport à la croissance linéaire : "
                      f"{growth:.2f} pour le temps, {memory:.2f} pour la mémoire ; 1,00 = linéaire)."]
    return lines


PDF_TAGS_HEADING = "## (g) PDF balisés (PDF/UA-1) face aux PDF non balisés"


def pdf_tags_measures(runs: int) -> tuple[list[float], list[float]]:
    """The PDF of fiche 22 made `runs` times untagged and `runs` times tagged (PDF/UA-1), alternately, in
    this process: WeasyPrint's own time, without its import or the site build."""
    import weasyprint

    from jalons.content.history import load_history
    from jalons.content.linking import build_graph
    from jalons.content.loading import load_corpus
    from jalons.site.pdf import PDF_VARIANT
    from jalons.site.rendering import PageRenderer

    corpus = load_corpus(ROOT / "content")
    html = PageRenderer(corpus, build_graph(corpus), load_history(corpus, use_git=False),
                        site_url="https://rrecq.github.io/fiches-jalons/", pdf=True).print_html(22)
    weasyprint.HTML(string=html).write_pdf(io.BytesIO())  # warm-up: fonts, caches
    plain, tagged = [], []
    for _ in range(runs):
        for variant, times in ((None, plain), (PDF_VARIANT, tagged)):
            start = time.perf_counter()
            weasyprint.HTML(string=html).write_pdf(io.BytesIO(), pdf_variant=variant)
            times.append(time.perf_counter() - start)
    return plain, tagged


def pdf_tags_report(plain: list[float], tagged: list[float]) -> list[str]:
    ratio = statistics.median(tagged) / statistics.median(plain)
    return ["", PDF_TAGS_HEADING, "", f"Mesuré le {datetime.date.today().isoformat()} ({os.cpu_count()} cœurs), "
            f"`python scripts/bench.py --pdf-tags` : le PDF de la fiche 22 fait {len(plain)} fois de chaque sorte, "
            "en alternance, dans un même processus (WeasyPrint seul, sans la construction du site).", "",
            "| PDF | médiane (ms) | minimum (ms) |", "| --- | ---: | ---: |",
            f"| non balisé (avant) | {statistics.median(plain) * 1000:.0f} | {min(plain) * 1000:.0f} |",
            f"| balisé, PDF/UA-1 (maintenant) | {statistics.median(tagged) * 1000:.0f} | {min(tagged) * 1000:.0f} |",
            "", f"Rapport balisé / non balisé : {ratio:.2f} (cible ≤ 1,20 : {'atteinte' if ratio <= 1.2 else 'non atteinte'})."]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[67, 500, 999])
    parser.add_argument("--pdf-sizes", type=int, nargs="*", default=[67, 500],
                        help="sizes at which (c) is measured (the first PDF build makes every PDF)")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--output", type=Path, default=ROOT / "BENCHMARKS.md")
    parser.add_argument("--workdir", type=Path, default=None, help="kept after the run if given")
    parser.add_argument("--lighthouse-runs", type=int, default=3, help="Lighthouse runs per page (0: none)")
    parser.add_argument("--suite", action="store_true",
                        help="only time the test suite (section (f), about 15 minutes), keeping the other sections")
    parser.add_argument("--real", action="store_true",
                        help="only measure (a) on real text (copies of fiche 22), keeping the other sections")
    parser.add_argument("--pdf-tags", action="store_true",
                        help="only time tagged against untagged PDFs (section (g), about a minute), keeping the others")
    arguments = parser.parse_args()
    if arguments.suite:
        print(write_section(arguments.output, SUITE_HEADING, suite_report(suite_measures())))
        return
    if arguments.real:
        workdir = arguments.workdir or Path(tempfile.mkdtemp(prefix="jalons-bench-reel-"))
        workdir.mkdir(parents=True, exist_ok=True)
        try:
            results = real_measures(arguments.sizes, arguments.repeat, workdir)
        finally:
            if arguments.workdir is None:
                shutil.rmtree(workdir, ignore_errors=True)
        command = ("python scripts/bench.py " + " ".join(sys.argv[1:])).strip()
        print(write_section(arguments.output, REAL_HEADING, real_report(results, command)))
        return
    if arguments.pdf_tags:
        print(write_section(arguments.output, PDF_TAGS_HEADING, pdf_tags_report(*pdf_tags_measures(15))))
        return
    workdir = arguments.workdir or Path(tempfile.mkdtemp(prefix="jalons-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    try:
        results = [measure(size, workdir, arguments.repeat, set(arguments.pdf_sizes)) for size in arguments.sizes]
        lighthouse = lighthouse_measures(workdir, arguments.lighthouse_runs) if arguments.lighthouse_runs else []
    finally:
        if arguments.workdir is None:
            shutil.rmtree(workdir, ignore_errors=True)
    command = "python scripts/bench.py " + " ".join(sys.argv[1:])
    text = report(results, command.strip(), lighthouse, arguments.lighthouse_runs)
    previous = arguments.output.read_text(encoding="utf-8") if arguments.output.exists() else ""
    # Sections this run does not write (measured apart: --real, --suite, --pdf-tags, mutations; or written by
    # hand, as the analysis after (a) on real text) are kept as they were, in their order.
    for section in previous.split("\n## ")[1:]:
        heading = "## " + section.split("\n", 1)[0]
        if heading + "\n" not in text:
            text = text.rstrip("\n") + "\n\n## " + section.rstrip("\n") + "\n"
    arguments.output.write_text(text, encoding="utf-8")
    print(text)
    print(f"Écrit : {arguments.output}  (médiane des rapports (a) : "
          f"{statistics.median(r['plugin'].seconds / r['plain'].seconds for r in results):.2f})")


if __name__ == "__main__":
    main()
