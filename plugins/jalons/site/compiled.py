"""Templates compiled once: Jinja's bytecode kept in memory for the process (every renderer, every rebuild of
`mkdocs serve`) and, given a folder, on disk between builds.

Compiling templates took a fifth of a build of the repository: 0.45 s for about sixty templates, the theme's
and this package's, at every `mkdocs build` (BENCHMARKS.md). Jinja rejects an entry whose template changed (its
checksum is stored with the code). The key also holds what shapes the compiled code besides the source: Jinja's
and Python's versions and the environment's settings, which another plugin may change on the theme's.

The folder is the project's (`.cache/`, as the PDFs'): whoever can put a file there can as well change the
project's code or `mkdocs.yml`, so reading compiled code from it trusts nothing more. A damaged entry is compiled
again; a folder that cannot be written only makes the next build slower.
"""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

import jinja2
from jinja2 import BytecodeCache, Environment
from jinja2.bccache import Bucket

from .kept import keep, read_kept

TEMPLATE_CACHE_DIR = ".cache/jalons-gabarits"

_IN_MEMORY: dict[str, bytes] = {}  # by key: the process's compiled templates, whatever their folder


def _settings(environment: Environment, name: str) -> str:
    """What the compiled code of template `name` depends on, besides its source and file."""
    autoescape = environment.autoescape(name) if callable(environment.autoescape) else environment.autoescape
    return repr((
        jinja2.__version__, sys.version_info[:2], environment.block_start_string, environment.block_end_string,
        environment.variable_start_string, environment.variable_end_string, environment.comment_start_string,
        environment.comment_end_string, environment.line_statement_prefix, environment.line_comment_prefix,
        environment.trim_blocks, environment.lstrip_blocks, environment.newline_sequence,
        environment.keep_trailing_newline, sorted(environment.extensions), environment.optimized, autoescape,
        getattr(environment.finalize, "__qualname__", None), environment.is_async,
        environment.code_generator_class.__qualname__,
    ))


class CompiledTemplates(BytecodeCache):
    def __init__(self, directory: Path | None = None) -> None:
        self.directory = directory

    def get_bucket(self, environment: Environment, name: str, filename: str | None, source: str) -> Bucket:
        key = hashlib.sha256(f"{_settings(environment, name)}\0{name}\0{filename}".encode()).hexdigest()
        bucket = Bucket(environment, key, self.get_source_checksum(source))
        self.load_bytecode(bucket)
        return bucket

    def load_bytecode(self, bucket: Bucket) -> None:
        code = _IN_MEMORY.get(bucket.key)
        if code is None and self.directory is not None:
            code = read_kept(self.directory / bucket.key)
        if code is None:
            return
        try:
            bucket.bytecode_from_string(code)  # an entry for another source: left empty, compiled again
        except Exception:  # damaged: Jinja's reader lets the unpickler's errors through
            bucket.reset()

    def dump_bytecode(self, bucket: Bucket) -> None:
        code = bucket.bytecode_to_string()
        _IN_MEMORY[bucket.key] = code
        if self.directory is not None:
            keep(self.directory / bucket.key, code)
