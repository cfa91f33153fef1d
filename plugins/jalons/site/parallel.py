"""Jobs run in several processes, for the generated pages: each depends only on the content, read once before.

The workers are forked from the building process, so they inherit the content and the renderer as they are,
and only the results travel back (pickled). The building process works too. The jobs are taken a few at a time, by
whichever process is free, so that no process waits for another that drew the longer jobs (a fiche's page takes
ten times a group's, the site's data files a hundred). Elsewhere than on Linux
(Windows has no `fork`; macOS has one its system libraries do not bear), or for few jobs, they run here, one after
the other: the same results.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from typing import Generic, TypeVar

from ..content.errors import JalonsError

T = TypeVar("T")
MIN_JOBS_PER_PROCESS = 25  # fewer per process save nothing: the repository's 77 pages take as long in one as in two
BATCHES_PER_PROCESS = 16  # what a process takes at a time: small enough that all end together, each a few ms at least
_jobs: Sequence[Callable[[], object]] = ()  # the jobs of the current call, as the forked workers inherit them
_next_job = None  # the first job no process has taken yet: a counter shared by the processes of the current call


def _run_batches(size: int) -> list[tuple[int, list]]:
    """Jobs run here, `size` at a time, until none is left: (first job's index, results) for each batch taken."""
    done = []
    while True:
        with _next_job.get_lock():
            start = _next_job.value
            _next_job.value = start + size
        if start >= len(_jobs):
            return done
        done.append((start, [job() for job in _jobs[start:start + size]]))


def processes_for(jobs: int, workers: int) -> int:
    """How many processes `run_all` uses for `jobs` jobs and up to `workers` processes."""
    if not sys.platform.startswith("linux"):  # macOS has fork, but its system libraries do not bear it
        return 1
    return max(1, min(workers, jobs // MIN_JOBS_PER_PROCESS))


def runs_apart(jobs: int, workers: int) -> bool:
    """Whether `jobs` jobs are worth a process of their own (a `Companion`) beside this one, with up to `workers`
    processes in all."""
    return jobs >= MIN_JOBS_PER_PROCESS and processes_for(2 * jobs, workers) > 1


def run_all(jobs: Sequence[Callable[[], T]], workers: int = 1) -> list[T]:
    """Every job's result, in order; in up to `workers` processes. Jobs that take longest are best listed first."""
    count = processes_for(len(jobs), workers)
    if count == 1:
        return [job() for job in jobs]
    global _jobs, _next_job
    context = multiprocessing.get_context("fork")
    _jobs, _next_job = jobs, context.Value("q", 0)
    size = max(1, len(jobs) // (count * BATCHES_PER_PROCESS))
    try:
        with ProcessPoolExecutor(count - 1, mp_context=context) as pool:
            elsewhere = [pool.submit(_run_batches, size) for _ in range(count - 1)]
            try:
                here = _run_batches(size)
            except BaseException:
                with _next_job.get_lock():
                    _next_job.value = len(jobs)  # the others take no more: what failed stops the build now
                raise
            batches = [*here, *(batch for future in elsewhere for batch in future.result())]
    finally:
        _jobs, _next_job = (), None
    ordered: list = [None] * len(jobs)
    for start, values in batches:
        ordered[start:start + len(values)] = values
    return ordered


def _run_companion(work: Callable[[Connection], object], connection: Connection) -> None:
    try:
        outcome: object = work(connection)
    except Exception as exc:  # said where the result is asked for, as if the work had been done there
        outcome = exc
    try:
        connection.send(outcome)
    except Exception as exc:  # an exception that cannot be pickled: its words
        connection.send(RuntimeError(f"{type(exc).__name__}: {exc}"))
    connection.close()


class Companion(Generic[T]):
    """`work` done by one process forked from this one, which this one may send messages to while it goes on
    (`send`; `work` reads them from the connection it is given); its result when asked for (`result`).

    The process is forked as it is, with a pipe: no thread is left here (a pool keeps one), so that this process
    may go on forking (a fork with a thread running may copy a lock that thread holds)."""

    def __init__(self, work: Callable[[Connection], T]) -> None:
        context = multiprocessing.get_context("fork")
        self._connection, theirs = context.Pipe()
        self._process: BaseProcess | None = context.Process(target=_run_companion, args=(work, theirs), daemon=True)
        self._process.start()
        theirs.close()  # its end, closed here: if it dies, reading says so instead of waiting

    def send(self, message: object) -> None:
        self._connection.send(message)

    def result(self) -> T:
        if self._process is None:
            raise RuntimeError("Companion.result: already taken, or closed")
        try:
            outcome = self._connection.recv()
        except EOFError:  # the process died without a word (killed, out of memory)
            self._process.join()
            outcome = JalonsError(f"jalons : le processus {self._process.pid}, qui travaillait pendant le "
                                  f"rendu des pages, s'est arrêté sans ses résultats (code "
                                  f"{self._process.exitcode}) : relancez la construction")
        finally:
            self.close()
        if isinstance(outcome, Exception):
            raise outcome
        return outcome

    def close(self) -> None:
        """No process left behind: after the result, or when the build stops without it."""
        if self._process is not None:
            if self._process.is_alive():
                self._process.kill()  # its result, if any, is no longer wanted
            self._process.join()
            self._connection.close()
            self._process = None


def available_processors() -> int:
    """The processors this process may run on (a container's limit, not the machine's count)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on every system
        return os.cpu_count() or 1
