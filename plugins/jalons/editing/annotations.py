"""`jalons check --format github`: each problem as a GitHub Actions workflow command, so that a pull request
shows the French message on the line it is about (« Files changed »), where staff and contributors who edit
in GitHub's web editor look."""

from __future__ import annotations

import os
from pathlib import Path

from ..content.errors import ContentError


def _data(text: str) -> str:
    # The workflow command syntax: %, CR and LF are escaped in the message…
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    # …and also « : » and « , » in a property (a path, a title).
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(level: str, message: str, *, base: Path, path: Path | None = None, line: int | None = None,
               column: int | None = None, title: str = "jalons check") -> str:
    """One line `::error file=…,line=…,col=…,title=…::message` (level: error, warning or notice); GitHub
    reads `file` from the repository's top: `base`."""
    properties = []
    if path is not None:
        relative = Path(os.path.relpath(Path(path).absolute(), Path(base).absolute()))
        properties.append(f"file={_property(relative.as_posix())}")
        if line:
            properties.append(f"line={line}")
            if column:
                properties.append(f"col={column}")
    properties.append(f"title={_property(title)}")
    return f"::{level} {','.join(properties)}::{_data(message)}"


def problem_annotation(level: str, problem: ContentError, base: Path) -> str:
    return annotation(level, problem.message, base=base, path=problem.path, line=problem.line,
                      column=problem.column)
