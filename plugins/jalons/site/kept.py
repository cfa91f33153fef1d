"""Files kept between builds to save time (compiled templates, share images): read if there, written whole or not
at all. Such a file is only a shortcut: one that cannot be read or written costs the time it saves, nothing else."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path


def read_kept(path: Path) -> bytes | None:
    """The file's bytes; None when it is absent or cannot be read (then made again)."""
    try:
        return path.read_bytes()
    except OSError:
        return None


def keep(path: Path, data: bytes) -> None:
    """`data` in `path`, whole or absent: written beside it first, as two builds may run at once."""
    partial = path.with_name(f".{path.name}.{os.getpid()}")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial.write_bytes(data)
        os.replace(partial, path)
    except OSError:
        with contextlib.suppress(OSError):
            partial.unlink(missing_ok=True)
