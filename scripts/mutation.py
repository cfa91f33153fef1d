"""Mutation testing of `content/` and `editing/` against the fast tier (mutmut 3), for BENCHMARKS.md.

mutmut imports the mutated package from `mutants/src/`, and names mutants after their path there; the package
lives in `plugins/`. So the run happens in a copy of the repository where it lives in `src/`, with a pytest
configuration of its own: the fast tier (`-m "not lent"`), in one process (mutmut runs pytest in-process).
Usage: `uv pip install "mutmut>=3,<4"`, then `python scripts/mutation.py [--workdir DIR]`; it prints the score
and the surviving mutants.
"""

from __future__ import annotations

import argparse
import collections
import datetime
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MUTATED = ("content", "editing")
CONFIG = """
[tool.mutmut]
source_paths = ["src/jalons"]
only_mutate = [{only}]
also_copy = [{also}]
pytest_add_cli_args = ["-p", "no:xdist", "-p", "no:cacheprovider", "-m", "not lent", "-q"]
"""


def prepare(workdir: Path) -> None:
    files = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True).stdout.split()
    for name in files:
        source = ROOT / name
        target = workdir / ("src" + name.removeprefix("plugins") if name.startswith("plugins/") else name)
        target.parent.mkdir(parents=True, exist_ok=True)
        if source.is_file():
            shutil.copy2(source, target)
    pyproject = (workdir / "pyproject.toml").read_text(encoding="utf-8")
    pyproject = pyproject.replace('addopts = "-ra -n auto --dist loadgroup"', 'addopts = "-ra"')
    only = ", ".join(f'"src/jalons/{folder}/*"' for folder in MUTATED)
    # Everything the tests read beside the package (content, workflows, README…), as in the repository.
    tops = sorted({name.split("/")[0] for name in files} - {"plugins", "tests", "pyproject.toml"})
    also = ", ".join(f'"{top}"' for top in tops)
    (workdir / "pyproject.toml").write_text(pyproject + CONFIG.format(only=only, also=also), encoding="utf-8")
    head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True).stdout
    (workdir / "COMMIT").write_text(head.strip(), encoding="utf-8")  # what was measured
    if (ROOT / "node_modules").is_dir():
        (workdir / "node_modules").symlink_to(ROOT / "node_modules")


HEADING = "## (h) Mutations de `content/` et `editing/` (mutmut, palier rapide)"


# Functions whose mutants no test can reach under mutmut, whatever it checks: listed with why, and left out of the
# score given beside the raw one. `_is_text` runs once, at import, to build model.TEXT_KEYS, before any mutant is
# switched on.
UNREACHABLE = {"jalons.content.model.x__is_text": "exécutée une fois, à l'import, pour construire TEXT_KEYS"}


def _statuses(workdir: Path) -> dict[str, str]:
    listing = subprocess.run([sys.executable, "-m", "mutmut", "results", "--all", "true"], cwd=workdir,
                             capture_output=True, text=True, check=False).stdout
    return {name: state.strip() for name, state in re.findall(r"^\s*(\S+__mutmut_\d+): (.+)$", listing, re.M)}


def _score(counts: collections.Counter) -> tuple[int, float]:
    checked = counts["killed"] + counts["survived"] + counts["timeout"]
    return checked, (counts["killed"] + counts["timeout"]) / checked if checked else 0.0


def report(workdir: Path, commit: str, rerun: Path | None = None) -> list[str]:
    """Section (h) of BENCHMARKS.md from `mutmut results --all true`: the score, and where mutants survive.

    A run stopped half-way can be completed by a random sample of the mutants it left (`SAMPLE` in the work
    folder: how many were left, then the names drawn, run with `mutmut run NAME…`): the score is then given for
    the mutants checked in mutmut's order, for the sample, and for the whole, each part weighed by its size.
    `rerun`: a later run of some mutants (`mutmut run NAME…` in a work folder prepared at a later commit, with the
    tests of that commit): their latest status counts, and the report says so."""
    status = _statuses(workdir)
    rerun_lines: list[str] = []
    if rerun is not None:
        later = {name: state for name, state in _statuses(rerun).items()
                 if name in status and state in ("killed", "survived", "timeout")}
        turned = sum(status[name] == "survived" and state != "survived" for name, state in later.items())
        status.update(later)
        rerun_commit = (rerun / "COMMIT").read_text(encoding="utf-8").strip()
        rerun_lines = ["", f"{len(later)} survivants vérifiés à nouveau au commit {rerun_commit}, avec les tests de ce "
                           f"commit : {turned} sont désormais tués ; ces statuts-là comptent ci-dessus."]
    counts = collections.Counter(status.values())
    checked, score = _score(counts)
    reachable = collections.Counter(state for name, state in status.items()
                                    if re.sub(r"__mutmut_\d+$", "", name) not in UNREACHABLE)
    reachable_checked, reachable_score = _score(reachable)
    unreachable_lines = [
        "", f"Sans les {checked - reachable_checked} mutants vérifiés qu'aucun test ne peut atteindre sous mutmut "
        f"({'; '.join(f'`{name}` : {why}' for name, why in UNREACHABLE.items())}) : score **{reachable_score:.0%}** "
        f"sur {reachable_checked} mutants."]
    sample_lines: list[str] = []
    if (workdir / "SAMPLE").exists():
        left, *drawn = (workdir / "SAMPLE").read_text(encoding="utf-8").split()
        in_sample = collections.Counter(status[name] for name in drawn if name in status)
        in_order = counts - in_sample - collections.Counter({"not checked": counts["not checked"]})
        order_checked, order_score = _score(in_order)
        sample_checked, sample_score = _score(in_sample)
        estimate = (order_score * order_checked + sample_score * int(left)) / (order_checked + int(left))
        sample_lines = [
            "", f"La mesure s'est arrêtée après {order_checked} mutants vérifiés dans l'ordre de mutmut (score "
            f"{order_score:.0%}) ; {len(drawn)} des {left} mutants restants, tirés au hasard (graine 2026), ont été "
            f"vérifiés ensuite : {sample_checked} vérifiés, score {sample_score:.0%}. Estimation pour l'ensemble "
            f"(chaque partie pesée par sa taille) : **{estimate:.0%}**."]
    by_function = collections.Counter(re.sub(r"__mutmut_\d+$", "", name) for name, state in status.items()
                                      if state == "survived")
    lines = ["", HEADING, "",
             f"Mesuré le {datetime.date.today().isoformat()} (commit {commit}), `python scripts/mutation.py` : "
             f"{len(status)} mutants, dont {checked} vérifiés ({counts['not checked']} non vérifiés quand la mesure "
             f"s'est arrêtée, {counts['no tests']} qu'aucun test du palier rapide n'exécute).", "",
             "| tués | survivants | délais dépassés | score (tués et délais / vérifiés) |", "| ---: | ---: | ---: | ---: |",
             f"| {counts['killed']} | {counts['survived']} | {counts['timeout']} | {score:.0%} |", *rerun_lines,
             *sample_lines, *unreachable_lines, "",
             "Fonctions aux survivants les plus nombreux :", ""]
    lines += [f"- `{name}` : {count}" for name, count in by_function.most_common(15)]
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--workdir", type=Path, default=None, help="kept after the run if given")
    parser.add_argument("--report-only", action="store_true", help="write section (h) from a run already made")
    parser.add_argument("--rerun", type=Path, default=None,
                        help="a work folder where some mutants were run again at a later commit: their status counts")
    arguments = parser.parse_args()
    workdir = arguments.workdir or Path(tempfile.mkdtemp(prefix="jalons-mutation-"))
    if not (workdir / "src").exists():
        prepare(workdir)
    if not arguments.report_only:
        subprocess.run([sys.executable, "-m", "mutmut", "run", "--max-children", "2"], cwd=workdir, check=False)
    sys.path.insert(0, str(ROOT / "scripts"))
    from bench import write_section

    commit = (workdir / "COMMIT").read_text(encoding="utf-8").strip()
    lines = report(workdir, commit, arguments.rerun)
    print("\n".join(lines))
    write_section(ROOT / "BENCHMARKS.md", HEADING, lines)


if __name__ == "__main__":
    main()
