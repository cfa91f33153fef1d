"""The files an engine adds to the site (open data, citation files, share images, PDFs, version pages), written
on a second thread while it renders the pages.

A site of 500 fiches has some 2,500 of these files. On the machine of the benchmarks, whose disk has just had the
previous build's site removed, creating one took up to a millisecond: up to two seconds of a build waiting on the
disk, which a thread can wait while the main one renders (a wait on the disk releases the interpreter's lock).
The files are written in the order they are handed over, by one thread, and the build waits for the last of
them (`JalonsPlugin.on_post_build`, before any other plugin's), so that nothing reads one half-written.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor

from ..content.errors import JalonsError, french_os_error


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
        pending = self._done()
        failures = [(path, future.exception()) for path, future in pending if future.exception() is not None]
        if failures:
            path, error = failures[0]
            reason = french_os_error(error) if isinstance(error, OSError) else str(error)
            others = f" (et {len(failures) - 1} autre(s))" if len(failures) > 1 else ""
            raise JalonsError(f"jalons : le fichier {path} n'a pu être écrit{others} : {reason}")

    def discard(self) -> None:
        """After a failed build: nothing left writing into the site folder that the next build will empty."""
        self._done()

