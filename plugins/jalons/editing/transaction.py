"""All-or-nothing writing of the files of one editing command (import, suggestion, new).

Every file is written whole (a temporary file beside it, then renamed over it), keeping the line
endings and byte-order mark it had. If any write fails, or the check that follows finds the content
invalid, every file is put back byte for byte and new files and folders are removed: the command
changes everything it announced, or nothing.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path

from ..content.errors import JalonsError, display_path, french_os_error
from ..content.journal import begin, end

BOM = b"\xef\xbb\xbf"


class WriteError(JalonsError):
    """A file that could not be written; every file was put back. Said in French."""


def _encoded(text: str, like: bytes | None) -> bytes:
    """The text (with \\n line ends) as bytes shaped like the file it replaces."""
    data = text.encode("utf-8")
    if like is None:
        return data
    if b"\r\n" in like:
        data = data.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")
    if like.startswith(BOM) and not data.startswith(BOM):
        data = BOM + data
    return data


def _replace(path: Path, data: bytes, mode_from: Path | None) -> None:
    descriptor, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(descriptor, "wb") as stream:
            stream.write(data)
        if mode_from is not None:
            shutil.copymode(mode_from, temporary)
        else:
            os.chmod(temporary, 0o666 & ~_umask())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def editable_text(path: Path) -> str:
    """A file's text as the editing commands work on it (\\n line ends, no BOM); `write_all` gives the
    file its own line ends and BOM back."""
    return path.read_bytes().decode("utf-8-sig").replace("\r\n", "\n")


def write_all(files: Iterable[tuple[Path, str | None]], content_dir: Path,
              check: Callable[[], object] | None = None) -> None:
    """Write each (path, text), or remove the file where text is None; then run `check`. On any
    exception, restore everything and re-raise it (an OSError becomes a `WriteError` naming the file).
    A journal in `content_dir` keeps every file as it was until the end: a command killed half-way is
    undone by the next one (content/journal.py)."""
    files = list(files)
    before: dict[Path, bytes | None] = {}
    new_folders: list[Path] = []
    current: Path | None = None
    journal = False
    try:
        for path, _text in files:
            current = path
            if path not in before:
                before[path] = path.read_bytes() if path.is_file() else None
            folder, missing = path.parent, []
            while not folder.exists() and folder not in new_folders:
                missing.append(folder)
                folder = folder.parent
            new_folders += reversed(missing)
        current = None
        begin(content_dir, before, new_folders)
        journal = True
        for folder in new_folders:
            current = folder
            folder.mkdir()
        for path, text in files:
            current = path
            if text is None:
                path.unlink(missing_ok=True)
            else:
                _replace(path, _encoded(text, before[path]), path if before[path] is not None else None)
        current = None
        if check is not None:
            check()
    except BaseException as exc:
        _restore(before, new_folders)
        if isinstance(exc, OSError):
            where = display_path(current) if current is not None else "?"
            raise WriteError(f"écriture impossible de {where} ({french_os_error(exc)}) : "
                             "aucun fichier n'a été modifié") from None
        raise
    finally:
        if journal:
            end(content_dir)


def _restore(before: dict[Path, bytes | None], new_folders: list[Path]) -> None:
    for path, data in before.items():
        try:
            if data is None:
                path.unlink(missing_ok=True)
            elif not path.is_file() or path.read_bytes() != data:
                _replace(path, data, path if path.exists() else None)
        except OSError:
            pass  # nothing better to do: the original error is what the person needs to see
    for folder in reversed(new_folders):
        try:
            folder.rmdir()
        except OSError:
            pass
