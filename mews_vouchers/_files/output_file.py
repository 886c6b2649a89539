"""Files the command writes (exports, generated codes): beside the target, renamed over it only when complete.

So a failed or interrupted write never leaves a file that looks whole, and a target that is not a regular file (a
symbolic link, a FIFO, a device, a folder) is refused rather than replaced.
"""

from __future__ import annotations

import contextlib
import os
import stat
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO, TextIO

from mews_vouchers._shared.console import CommandError


@contextlib.contextmanager
def written_file(path: str | None, *, binary: bool = False) -> Iterator[TextIO | BinaryIO]:
    """stdout, or a file written beside `path` and renamed to it only when the export completes.

    The target must be a regular file or not exist: a symbolic link, a FIFO, a device or a folder is refused
    (`ExportTargetError`), since renaming over it would replace it with a file (as root, `-o /dev/null` would
    replace the system's). A file written over keeps its permissions (and its owner, where that can be kept).
    """
    if path is None:
        yield sys.stdout
        sys.stdout.flush()
        return
    target = Path(path)
    existing = _existing_regular_file(target)
    folder = target.parent
    if not folder.is_dir():
        raise ExportTargetError(f"{path}: the folder {str(folder)!r} does not exist")
    try:
        descriptor, partial = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".partial", dir=folder)
    except OSError as error:
        raise ExportTargetError(f"{path}: cannot write in {str(folder)!r} ({error.strerror or error})") from None
    try:
        if binary:
            with os.fdopen(descriptor, "wb") as raw:
                yield raw
        else:
            with os.fdopen(descriptor, "w", encoding="utf-8", newline="") as stream:
                yield stream
        _take_rights(partial, existing)
        os.replace(partial, target)
    except BaseException:
        Path(partial).unlink(missing_ok=True)
        raise


class ExportTargetError(CommandError):
    """`-o` names something an export must not replace, or a place it cannot write."""


def _existing_regular_file(target: Path) -> os.stat_result | None:
    """The status of the file at `target`, None when there is none; `ExportTargetError` when it is not a file."""
    try:
        status = target.lstat()
    except FileNotFoundError:
        return None
    except OSError as error:
        raise ExportTargetError(f"{target}: {error.strerror or error}") from None
    if stat.S_ISREG(status.st_mode):
        return status
    kind = _KINDS.get(stat.S_IFMT(status.st_mode), "not a regular file")
    raise ExportTargetError(
        f"{target} is {kind}: -o writes a regular file (to write to a pipe or a device, use -o - and redirect)"
    )


_KINDS = {
    stat.S_IFLNK: "a symbolic link",
    stat.S_IFIFO: "a FIFO (named pipe)",
    stat.S_IFCHR: "a character device",
    stat.S_IFBLK: "a block device",
    stat.S_IFSOCK: "a socket",
    stat.S_IFDIR: "a folder",
}


def _take_rights(partial: str, existing: os.stat_result | None) -> None:
    """Give the new file the rights of the one it replaces, or the usual ones (mkstemp made it private)."""
    if existing is None:
        os.chmod(partial, 0o666 & ~_umask())
        return
    with contextlib.suppress(OSError):  # only root may give a file to someone else
        os.chown(partial, existing.st_uid, existing.st_gid)
    os.chmod(partial, stat.S_IMODE(existing.st_mode))


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask
