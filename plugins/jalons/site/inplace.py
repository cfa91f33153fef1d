"""The site folder rewritten in place by `mkdocs build`, rather than emptied and made again.

MkDocs empties the site folder before each build. Where the file system keeps no journal (ext4 without one, as on
the machines of the benchmarks), creating a file just after thousands were removed is slow: the system skips the
recently freed inodes one at a time (ext4's `recently_deleted`). At 500 fiches (3,080 files, 1,021 folders), the
kernel spent 3.3 s of a build there, against 0.6 s in a new folder. A file that is rewritten keeps its inode.

So the folder is renamed beside itself before MkDocs empties it (`InPlace.aside`): MkDocs finds nothing to remove.
It is put back once MkDocs is done (`back`), and each file of the build rewrites the previous one. After the build
(`sweep`), what the build did not write is removed, as MkDocs would have removed it: each file whose inode last
changed before the folder was put back, then the folders left empty. The change time (ctime) is the system's: a
copy that keeps a file's modification time cannot set it back. The folder's hidden entries stay, as MkDocs leaves
them (`.git`, for one).

Not done, and MkDocs empties the folder as usual, where the folder is not a plain folder that can be renamed, or
when one of its files has another name elsewhere (a hard link, from a deployment's snapshot: rewritten in place,
that copy would change too). The plugin does not do it while serving, nor for `--dirty`, where MkDocs empties
nothing.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

MARKER = ".jalons-debut"  # touched once the folder is back: what the build writes changes after it


def _aside_path(site_dir: Path) -> Path:
    return site_dir.with_name(f".{site_dir.name}.jalons-en-cours")


def _has_hard_links(site_dir: Path) -> bool:
    for folder, _, names in os.walk(site_dir):
        for name in names:
            if os.lstat(os.path.join(folder, name)).st_nlink > 1:
                return True
    return False


class InPlace:
    """One build's site folder, set aside from MkDocs' emptying, then rewritten in place."""

    def __init__(self, site_dir: Path) -> None:
        self.site_dir = site_dir
        self.aside = _aside_path(site_dir)
        self.since: int | None = None  # once back: the change time (ns) before which a file is not this build's

    @classmethod
    def set_aside(cls, site_dir: Path) -> InPlace | None:
        """The folder set aside, or None where it is not to be (see above) or cannot be."""
        in_place = cls(site_dir)
        shutil.rmtree(in_place.aside, ignore_errors=True)  # left by a build that was stopped half-way
        try:
            if site_dir.is_symlink() or not site_dir.is_dir() or in_place.aside.exists() \
                    or _has_hard_links(site_dir):
                return None
            site_dir.rename(in_place.aside)
        except OSError:  # a mount point, a folder in use, a parent that cannot be written: MkDocs empties it
            return None
        return in_place

    def back(self) -> None:
        """The folder in its place again, before anything of the build is written."""
        if self.since is not None:
            return
        try:
            self.aside.rename(self.site_dir)
        except OSError:  # something wrote a new site folder meanwhile: the build writes there, as MkDocs would
            shutil.rmtree(self.aside, ignore_errors=True)
            self.since = -1
            return
        marker = self.site_dir / MARKER
        marker.touch()
        self.since = marker.stat().st_ctime_ns
        marker.unlink()

    def restore(self) -> None:
        """After a build that stopped before it wrote anything: the folder as it was."""
        if self.since is None:
            try:
                self.aside.rename(self.site_dir)
            except OSError:
                pass  # left beside it, hidden; the next build removes it

    def sweep(self) -> None:
        """What the build did not write, removed (the previous build's, and folders left empty)."""
        if self.since is None or self.since < 0:
            return
        for entry in os.scandir(self.site_dir):
            if entry.name.startswith("."):
                continue
            if entry.is_dir(follow_symlinks=False):
                self._sweep_folder(entry.path)
            else:
                self._remove_if_old(entry.path)

    def _remove_if_old(self, path: str) -> None:
        if os.lstat(path).st_ctime_ns < self.since:
            os.unlink(path)

    def _sweep_folder(self, top: str) -> None:
        for folder, folders, names in os.walk(top, topdown=False):
            for name in names:
                self._remove_if_old(os.path.join(folder, name))
            for name in folders:  # a link to a folder is listed here, and not followed
                if os.path.islink(os.path.join(folder, name)):
                    self._remove_if_old(os.path.join(folder, name))
            try:
                os.rmdir(folder)  # only if empty: MkDocs makes no empty folder
            except OSError:
                pass
