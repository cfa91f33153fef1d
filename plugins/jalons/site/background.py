"""The files an engine adds to the site (open data, citation files, share images, PDFs, version pages), written
while it renders the pages: by another process (`WrittenApart`) or on a second thread (`BackgroundWriter`).

A site of 500 fiches has some 2,500 of these files. On the machine of the benchmarks, creating one takes from a
third of a millisecond to a millisecond: up to two seconds of a build waiting on the disk. A thread waits on the
disk without the interpreter's lock, but takes it back after each wait, behind the thread that renders: measured
at 500 fiches, the thread wrote the files three times slower than alone, and the build waited a second for them at
its end. A process forked once the files are made writes them meanwhile at the disk's own pace (the version
pages are written by the process that makes them: site/derived.derive_apart); the thread is left for `serve` and
for a build in one process.
The build waits for the last of them (`JalonsPlugin.on_post_build`, before any other plugin's), so that nothing
reads one half-written.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from functools import partial

from ..content.errors import JalonsError, and_others, french_os_error
from .parallel import Companion


# While files are being written, the interpreter's lock changes hands every millisecond rather than every five: the
# writing thread gets it back after each wait on the disk without stalling behind the rendering one (measured at
# 500 fiches, three runs each: the build's final wait for the files halved, the pages' rendering 2 % slower).
SWITCH_INTERVAL = 0.001


class BackgroundWriter:
    """Jobs that write a file, run one after another on a thread; `wait` for them all."""

    def __init__(self) -> None:
        self._executor: ThreadPoolExecutor | None = None
        self._pending: list[tuple[str, Future]] = []
        self._switch_interval: float | None = None  # the interpreter's own, while files are being written

    def submit(self, path: str, write: Callable[[], None]) -> None:
        if self._executor is None:
            self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="jalons-ecriture")
        if self._switch_interval is None:
            self._switch_interval = sys.getswitchinterval()
            sys.setswitchinterval(min(SWITCH_INTERVAL, self._switch_interval))
        self._pending.append((path, self._executor.submit(write)))

    def _done(self) -> list[tuple[str, Future]]:
        pending, self._pending = self._pending, []
        for _, future in pending:
            future.exception()  # waits for it
        if self._switch_interval is not None:
            sys.setswitchinterval(self._switch_interval)
            self._switch_interval = None
        if self._executor is not None:  # no thread left between builds (the next may fork: site/parallel.py)
            self._executor.shutdown()
            self._executor = None
        return pending

    def wait(self) -> None:
        """Once every file is written; the first that could not be, said in French, after the others are."""
        _said([(path, future.exception()) for path, future in self._done()])

    def discard(self) -> None:
        """After a failed build: nothing left writing into the site folder that the next build will empty."""
        self._done()


def _said(outcomes: list[tuple[str, BaseException | None]]) -> None:
    """The first file that could not be written (`outcomes`: each file's path and error, if any), in French."""
    failures = [(path, error) for path, error in outcomes if error is not None]
    if failures:
        path, error = failures[0]
        reason = french_os_error(error) if isinstance(error, OSError) else str(error)
        raise JalonsError(f"jalons : le fichier {path} n'a pu être écrit{and_others(failures)} : {reason}")


def _attempt(write: Callable[[], None]) -> OSError | None:
    try:
        write()
    except OSError as exc:  # said with the others, once they are written
        return exc
    return None


class WrittenApart:
    """Files written, one after another, by a process forked from this one (site/parallel.Companion) as soon as
    they are made, while this one goes on; `wait` for them all. Worth it for enough files, and more than one
    process (`parallel.runs_apart`): the engine decides."""

    def __init__(self, writes: dict[str, Callable[[], None]]) -> None:
        self._paths = list(writes)
        attempts = [partial(_attempt, write) for write in writes.values()]
        self._companion: Companion[list[OSError | None]] | None = \
            Companion(lambda _: [attempt() for attempt in attempts])

    def wait(self) -> None:
        """Once every file is written; the first that could not be, said in French, after the others are."""
        if self._companion is not None:
            companion, self._companion = self._companion, None
            _said(list(zip(self._paths, companion.result())))

    def discard(self) -> None:
        """After a failed build: the process stopped, nothing left writing into the site folder."""
        if self._companion is not None:
            self._companion.close()
            self._companion = None
