"""Content errors: each one names FILE:LINE:COLUMN and says, in French, what was expected."""

from __future__ import annotations

import errno
import os
from collections.abc import Sized
from dataclasses import dataclass
from pathlib import Path


def display_path(path: Path) -> str:
    """The path as a person typed it: relative to the working directory when it lies below it."""
    try:
        relative = os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return str(path)
    return str(Path(path).absolute()) if relative.startswith("..") else relative


_OS_ERRORS = {
    errno.EACCES: "accès refusé", errno.EPERM: "opération non permise", errno.ENOENT: "introuvable",
    errno.EISDIR: "c'est un dossier", errno.ENOTDIR: "un élément du chemin n'est pas un dossier",
    errno.ELOOP: "boucle de liens symboliques", errno.EROFS: "système de fichiers en lecture seule",
    errno.ENOSPC: "disque plein", errno.EEXIST: "existe déjà",
}


def french_os_error(exc: OSError) -> str:
    """Why a file operation failed, in French (the system's own words as a last resort)."""
    return _OS_ERRORS.get(exc.errno, exc.strerror or str(exc))


@dataclass(frozen=True, order=True)
class ContentError:
    path: Path
    line: int  # 1-based
    column: int  # 1-based
    message: str

    def __str__(self) -> str:
        return f"{display_path(self.path)}:{self.line}:{self.column}: {self.message}"


def compte(nombre: int, mot: str) -> str:
    """« 1 fiche », « 2 fiches », « 0 fiche »: French puts the plural from two on, on each word of a noun and
    its adjective (« 2 jalons évalués », « 3 fiches publiées »)."""
    return f"{nombre} {' '.join(word + 's' for word in mot.split()) if nombre > 1 else mot}"


def and_others(failures: Sized) -> str:
    """What follows the first of several failures said: « (et N autre(s)) »; nothing after the only one."""
    return f" (et {len(failures) - 1} autre(s))" if len(failures) > 1 else ""


class JalonsError(Exception):
    """An error this package tells a person about: its message is in French and says what to do.
    The command line reports every one the same way (`report`), with no traceback."""

    def report(self) -> str:
        return f"Erreur : {self}"


class ContentErrors(JalonsError):
    """Every error found in one run, so that a person fixes them all at once."""

    def __init__(self, errors: list[ContentError]):
        self.errors = sorted(set(errors))
        super().__init__(self.report())

    def report(self) -> str:
        lines = [str(error) for error in self.errors]
        count = len(self.errors)
        lines.append(f"{compte(count, 'erreur')} dans le contenu.")
        return "\n".join(lines)
