"""Mutation testing of `content/` and `editing/` against the fast tier (mutmut 3), for BENCHMARKS.md.

mutmut imports the mutated package from `mutants/src/`, and names mutants after their path there; the package
lives in `plugins/`. So the run happens in a copy of the repository where it lives in `src/`, with a pytest
configuration of its own: the fast tier (`-m "not lent"`), in one process (mutmut runs pytest in-process).
Usage: `uv pip install "mutmut>=3,<4"`, then `python scripts/mutation.py [--workdir DIR]`; it prints the score
and the surviving mutants.
"""

from __future__ import annotations

import argparse
import json
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
    if (ROOT / "node_modules").is_dir():
        (workdir / "node_modules").symlink_to(ROOT / "node_modules")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--workdir", type=Path, default=None, help="kept after the run if given")
    arguments = parser.parse_args()
    workdir = arguments.workdir or Path(tempfile.mkdtemp(prefix="jalons-mutation-"))
    if not (workdir / "src").exists():
        prepare(workdir)
    subprocess.run([sys.executable, "-m", "mutmut", "run", "--max-children", "2"], cwd=workdir, check=False)
    subprocess.run([sys.executable, "-m", "mutmut", "export-cicd-stats"], cwd=workdir, check=False)
    stats = json.loads((workdir / "mutants" / "mutmut-cicd-stats.json").read_text(encoding="utf-8"))
    print(json.dumps(stats, indent=2))
    subprocess.run([sys.executable, "-m", "mutmut", "results"], cwd=workdir, check=False)


if __name__ == "__main__":
    main()
