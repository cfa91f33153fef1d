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
from typing import Generic, TypeVar

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


class Later(Generic[T]):
    """Jobs run in one other process while this one goes on (MkDocs renders its pages meanwhile, in this process
    only); their results when first asked for. Where `run_all` would use a single process, they run then, here.

    Start it when this process will fork nothing more: its pool keeps a thread until its results are taken or it is
    closed (a fork with a thread running may copy a lock that thread holds)."""

    def __init__(self, jobs: Sequence[Callable[[], T]], workers: int = 1) -> None:
        self._jobs = list(jobs)
        self._results: list[T] | None = None
        self._pool: ProcessPoolExecutor | None = None
        if len(self._jobs) >= MIN_JOBS_PER_PROCESS and processes_for(2 * len(self._jobs), workers) > 1:
            global _jobs
            _jobs = self._jobs  # as `run_all` hands its workers theirs
            self._pool = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("fork"))
            self._future = self._pool.submit(_run_share, range(len(self._jobs)))

    def results(self) -> list[T]:
        if self._results is None:
            if self._pool is None:
                self._results = [job() for job in self._jobs]
            else:
                try:
                    self._results = self._future.result()
                finally:
                    self.close()
        return self._results

    def close(self) -> None:
        """No process left behind: after the results, or when the build stops without them."""
        global _jobs
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)
            self._pool = None
            _jobs = ()


def available_processors() -> int:
    """The processors this process may run on (a container's limit, not the machine's count)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on every system
        return os.cpu_count() or 1
