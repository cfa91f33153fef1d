"""Before and after in one run: `mkdocs build` of one project with the package of another commit and with this
one, alternated, so that the machine's drift weighs on both alike. A measure, not a test.

    git worktree add /tmp/avant <commit>
    python scripts/bench_ab.py /tmp/benchreal/reel-500 /tmp/avant --rounds 3

The project is one `scripts/bench.py --real --workdir …` made (PDF off, as there). The first round of each side
may draw the share images its cache lacks: the best and the median of the rounds are reported.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path


def timed_build(project: Path, package_root: Path | None) -> float:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "JALONS_PDF": "false", "SOURCE_DATE_EPOCH": "1767225600"}
    if package_root is not None:  # ahead of the installed (editable) package
        env["PYTHONPATH"] = str(package_root / "plugins")
    start = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q"], cwd=project, env=env,
                            capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if result.returncode != 0:
        raise SystemExit(f"build failed in {project}: {result.stderr[-2000:]}")
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("project", type=Path)
    parser.add_argument("before", type=Path, help="a checkout of the commit to compare with (git worktree)")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    times: dict[str, list[float]] = {"avant": [], "après": []}
    for _ in range(args.rounds):
        for label, root in (("avant", args.before), ("après", None)):
            times[label].append(timed_build(args.project, root))
            print(f"{label} {times[label][-1]:.2f} s", flush=True)
    for label, seconds in times.items():
        print(f"{label} : meilleur {min(seconds):.2f} s, médiane {statistics.median(seconds):.2f} s")


if __name__ == "__main__":
    main()
