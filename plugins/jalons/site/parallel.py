"""Jobs run in several processes, for the generated pages: each depends only on the content, read once before.

The workers are forked from the building process, so they inherit the content and the renderer as they are,
and only the results travel back (pickled). The building process takes a share itself. Elsewhere than on Linux
(Windows has no `fork`; macOS has one its system libraries do not bear), or for few jobs, they run here, one after
the other: the same results.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import TypeVar

T = TypeVar("T")
MIN_JOBS_PER_PROCESS = 25  # fewer per process save nothing: the repository's 77 pages take as long in one as in two
_jobs: Sequence[Callable[[], object]] = ()  # the jobs of the current call, as the forked workers inherit them


def _run_share(indices: range) -> list:
    return [_jobs[index]() for index in indices]


def processes_for(jobs: int, workers: int) -> int:
    """How many processes `run_all` uses for `jobs` jobs and up to `workers` processes."""
    if not sys.platform.startswith("linux"):  # macOS has fork, but its system libraries do not bear it
        return 1
    return max(1, min(workers, jobs // MIN_JOBS_PER_PROCESS))


def run_all(jobs: Sequence[Callable[[], T]], workers: int = 1) -> list[T]:
    """Every job's result, in order; in up to `workers` processes."""
    count = processes_for(len(jobs), workers)
    if count == 1:
        return [job() for job in jobs]
    global _jobs
    _jobs = jobs
    shares = [range(start, len(jobs), count) for start in range(count)]  # interleaved: fiches and versions alike
    try:
        with ProcessPoolExecutor(count - 1, mp_context=multiprocessing.get_context("fork")) as pool:
            elsewhere = [pool.submit(_run_share, share) for share in shares[1:]]
            results = [_run_share(shares[0]), *(future.result() for future in elsewhere)]
    finally:
        _jobs = ()
    ordered: list = [None] * len(jobs)
    for share, values in zip(shares, results):
        for index, value in zip(share, values):
            ordered[index] = value
    return ordered


def available_processors() -> int:
    """The processors this process may run on (a container's limit, not the machine's count)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on every system
        return os.cpu_count() or 1
