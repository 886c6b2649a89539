"""`mews-vouchers list` and `export`: read codes page by page and write them as they come.

Neither holds more than the client's few pages in memory (a table on a terminal is the exception: it is drawn
once every row is known). An export to a file is written beside it and renamed when complete, so that a failed or
interrupted export never leaves a file that looks whole.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import stat
import sys
import tempfile
import uuid
import zoneinfo
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO, TextIO

from rich.console import Console

from mews_vouchers._catalog_job import voucher_ids_named
from mews_vouchers._codes_out import TextExport, as_mews_fields, escaped, plain_line, table, write_codes
from mews_vouchers._console import CommandError, Output, Summary, counted
from mews_vouchers._xlsx_out import write_workbook
from mews_wrapper import MewsClient, VoucherCode


@dataclass(frozen=True)
class Query:
    """What to read: vouchers (by id, by name, or every one the token reaches) and the filters of list and export."""

    voucher_ids: tuple[uuid.UUID, ...]
    voucher_names: tuple[str, ...] = ()
    every_voucher: bool = False
    code_ids: tuple[uuid.UUID, ...] = ()
    enterprise_ids: tuple[uuid.UUID, ...] = ()
    updated_since: dt.datetime | None = None
    updated_until: dt.datetime | None = None
    active_only: bool = False
    zone: zoneinfo.ZoneInfo | None = None
    """The timezone datetimes are shown in (None: UTC)."""

    def get_all_arguments(self) -> dict[str, Any]:
        """The keyword arguments of `get_all` (an open `--updated-since` ends now)."""
        arguments: dict[str, Any] = {
            "voucher_code_ids": list(self.code_ids) or None,
            "enterprise_ids": list(self.enterprise_ids) or None,
        }
        if self.updated_since is not None:
            until = self.updated_until or dt.datetime.now(dt.UTC)
            arguments["updated_utc"] = (self.updated_since, until)
        return arguments


def voucher_names(client: MewsClient, query: Query) -> dict[uuid.UUID, str]:
    """The vouchers to read, by id, with their names when the query needs them (`--all`: every voucher)."""
    if query.every_voucher:
        return {voucher.id: voucher.name for voucher in client.vouchers.get_all()}
    named = voucher_ids_named(client, query.voucher_names)
    return dict.fromkeys(query.voucher_ids, "") | dict(zip(named, query.voucher_names, strict=True))


def codes(client: MewsClient, query: Query, voucher_ids: list[uuid.UUID] | None = None) -> Iterator[VoucherCode]:
    """The codes that match, page by page (of `voucher_ids`, once they are known, else of the query's)."""
    ids = list(voucher_names(client, query)) if voucher_ids is None else voucher_ids
    if not ids:
        return
    for code in client.voucher_codes.get_all(ids, **query.get_all_arguments()):
        if code.is_active or not query.active_only:
            yield code


def list_codes(client_options: dict[str, Any], output: Output, query: Query, *, wide: bool = False) -> int:
    """Print the codes: a table on a terminal, tab-separated lines in a pipe, JSON lines with --json."""
    stdout = Console(highlight=False, soft_wrap=False)
    with MewsClient(**client_options) as client:
        names = voucher_names(client, query)
        found = codes(client, query, list(names))
        if output.as_json:
            for code in found:
                print(json.dumps(as_mews_fields(code, query.zone), ensure_ascii=False), flush=False)
        elif stdout.is_terminal:
            count = table(found, stdout, zone=query.zone, wide=wide, names=names)
            output.say(counted(count, "code"))
        else:
            for code in found:
                print(plain_line(code, query.zone))
    sys.stdout.flush()
    return 0


def export_codes(
    client_options: dict[str, Any],
    output: Output,
    query: Query,
    file_format: str,
    path: str | None,
    *,
    excel_safe: bool = False,
) -> Summary:
    """Stream every matching code, every field, to `path` (stdout when None) in `file_format`.

    `excel_safe`: CSV cells that a spreadsheet would run as formulas get an apostrophe first (OWASP); without it
    they are written exactly, and a warning says so once.
    """
    exported = 0
    if file_format == "xlsx" and path is None:
        raise ExportTargetError("an xlsx export is a file: give it with -o FILE.xlsx")

    def warn_of_formula(value: str) -> None:
        output.warn(
            f"warning: values such as {escaped(value)!r} begin with {value[0]!r}: a spreadsheet that opens this CSV "
            "would run them as formulas. They are written exactly (an import needs them so); to open the file in a "
            "spreadsheet, export with --excel-safe or -o FILE.xlsx"
        )

    how = TextExport(zone=query.zone, excel_safe=excel_safe, on_formula_like=warn_of_formula)
    with MewsClient(**client_options) as client:
        names = voucher_names(client, query)  # first: a name that matches nothing leaves the target alone
        shown_names = names if query.every_voucher else None
        with _destination(path, binary=file_format == "xlsx") as stream, output.progress("export", None) as tracker:
            found = codes(client, query, list(names))
            steps = (
                write_workbook(found, stream, shown_names, query.zone)  # type: ignore[arg-type]
                if file_format == "xlsx"
                else write_codes(found, stream, file_format, shown_names, how)  # type: ignore[arg-type]
            )
            for step in steps:
                exported += step
                tracker.advance(step)
    where = path or "stdout"
    return Summary("export", {"exported": exported}, output.elapsed(), {"format": file_format, "file": where})


@contextlib.contextmanager
def _destination(path: str | None, *, binary: bool = False) -> Iterator[TextIO | BinaryIO]:
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
