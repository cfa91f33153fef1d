"""One editing command at a time on a content folder: two editors at once (eight `suggestion apply` run
together) each read the fiche, then each wrote its own version over the others', and updates were lost
while every command said it had applied its own. A command holds the folder's lock from its first read
to its last write; another one waits a few seconds, then says why it stops, having changed nothing."""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from .errors import JalonsError, display_path
from .journal import journal_dir, recover

WAIT_SECONDS = 15.0  # enough for a few commands queued behind one another; a stuck one is said, not waited on
_POLL_SECONDS = 0.05


class ContentBusy(JalonsError):
    """Another editing command holds the content folder."""


def _lock_file(content_dir: Path) -> Path:
    # Outside the content folder (nothing to commit, nothing the loader must ignore), one per folder.
    key = hashlib.sha256(str(Path(content_dir).resolve()).encode()).hexdigest()[:16]
    return Path(tempfile.gettempdir()) / f"jalons-edition-{key}.verrou"


@contextlib.contextmanager
def content_lock(content_dir: Path, wait: float = WAIT_SECONDS) -> Iterator[str | None]:
    """Hold the folder for an edit; yields what was said if an interrupted edit had to be undone first."""
    with _lock_file(content_dir).open("a") as held:
        deadline = time.monotonic() + wait
        while True:
            try:
                fcntl.flock(held, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise ContentBusy(f"une autre commande modifie déjà {display_path(content_dir)} depuis plus de "
                                      f"{wait:.0f} s : rien n'a été modifié ; relancez celle-ci quand l'autre "
                                      "aura fini") from None
                time.sleep(_POLL_SECONDS)
        try:
            yield recover(content_dir)
        finally:
            fcntl.flock(held, fcntl.LOCK_UN)


def recover_unless_editing(content_dir: Path) -> str | None:
    """Undo an interrupted edit before reading the content (`jalons check`, a build), unless a command is
    editing it right now: its journal is then its own, not one left behind."""
    if not journal_dir(content_dir).exists():
        return None
    try:
        with content_lock(content_dir, wait=0) as said:
            return said
    except ContentBusy:
        return None
