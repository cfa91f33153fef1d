"""The journal of an edit that writes several files (`jalons import`: a fiche and the resources it cites;
`jalons import-liste`: the list and the fiches' statements). Before the first file changes, the journal
keeps each file as it was; once the last is written and the content checked, the journal goes. A command
killed in between leaves it behind, and the next command (or `jalons check`, or a build) puts every file
back: the content is its old state, never half of each."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

from .errors import display_path

JOURNAL_DIR = ".jalons-journal"  # in the content folder; hidden, so that nothing reads it as content
_MANIFEST = "journal.json"


def journal_dir(content_dir: Path) -> Path:
    return Path(content_dir) / JOURNAL_DIR


def begin(content_dir: Path, before: dict[Path, bytes | None], new_folders: list[Path]) -> None:
    """Keep `before` (each file's bytes, None for a file that does not exist yet) and the folders about to
    be made; the manifest is written last, whole, so that a journal without one changed nothing yet."""
    folder = journal_dir(content_dir)
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir()
    entries = []
    for index, (path, data) in enumerate(before.items()):
        backup = None
        if data is not None:
            backup = f"{index}.avant"
            (folder / backup).write_bytes(data)
        entries.append({"fichier": str(Path(path).resolve()), "avant": backup})
    manifest = {"fichiers": entries, "dossiers": [str(Path(f).resolve()) for f in new_folders]}
    partial = folder / f"{_MANIFEST}.partiel"
    with partial.open("w", encoding="utf-8") as stream:
        json.dump(manifest, stream, ensure_ascii=False)
        stream.flush()
        os.fsync(stream.fileno())
    os.replace(partial, folder / _MANIFEST)


def end(content_dir: Path) -> None:
    """The edit is whole (or was undone): the journal goes, its manifest first."""
    folder = journal_dir(content_dir)
    (folder / _MANIFEST).unlink(missing_ok=True)
    shutil.rmtree(folder, ignore_errors=True)


def recover(content_dir: Path) -> str | None:
    """Undo an edit that was interrupted (its journal is still there); say what was done, in French."""
    folder = journal_dir(content_dir)
    if not folder.exists():
        return None
    manifest_path = folder / _MANIFEST
    if not manifest_path.is_file():
        end(content_dir)  # interrupted while the journal was being written: no file had changed yet
        return None
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    restored = []
    for entry in manifest["fichiers"]:
        path = Path(entry["fichier"])
        if entry["avant"] is None:
            if path.exists():
                path.unlink()
                restored.append(path)
        else:
            data = (folder / entry["avant"]).read_bytes()
            if not path.is_file() or path.read_bytes() != data:
                partial = path.with_name(f".{path.name}.restauration")
                partial.write_bytes(data)
                os.replace(partial, path)
                restored.append(path)
    for created in reversed(manifest["dossiers"]):
        try:
            Path(created).rmdir()
        except OSError:
            pass  # not empty, or already gone: left as it is
    end(content_dir)
    names = ", ".join(display_path(path) for path in restored) or "aucun fichier n'avait encore changé"
    return (f"une modification interrompue du contenu (commande arrêtée avant sa fin) a été annulée : le contenu "
            f"est revenu à son état d'avant ({names})")
