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
import sys
import tempfile
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from rich.console import Console

from mews_vouchers._codes_out import as_mews_fields, plain_line, table, write_codes
from mews_vouchers._console import Output, Summary
from mews_wrapper import MewsClient, VoucherCode


@dataclass(frozen=True)
class Query:
    """What to read: vouchers and the filters of list and export."""

    voucher_ids: tuple[uuid.UUID, ...]
    code_ids: tuple[uuid.UUID, ...] = ()
    enterprise_ids: tuple[uuid.UUID, ...] = ()
    updated_since: dt.datetime | None = None
    updated_until: dt.datetime | None = None
    active_only: bool = False

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


def codes(client: MewsClient, query: Query) -> Iterator[VoucherCode]:
    """The codes that match, page by page."""
    for code in client.voucher_codes.get_all(list(query.voucher_ids), **query.get_all_arguments()):
        if code.is_active or not query.active_only:
            yield code


def list_codes(client_options: dict[str, Any], output: Output, query: Query) -> int:
    """Print the codes: a table on a terminal, tab-separated lines in a pipe, JSON lines with --json."""
    stdout = Console(highlight=False, soft_wrap=False)
    with MewsClient(**client_options) as client:
        found = codes(client, query)
        if output.as_json:
            for code in found:
                print(json.dumps(as_mews_fields(code), ensure_ascii=False), flush=False)
        elif stdout.is_terminal:
            count = table(found, stdout)
            output.say(f"{count:,} codes")
        else:
            for code in found:
                print(plain_line(code))
    sys.stdout.flush()
    return 0


def export_codes(
    client_options: dict[str, Any], output: Output, query: Query, file_format: str, path: str | None
) -> Summary:
    """Stream every matching code, every field, to `path` (stdout when None) in `file_format`."""
    exported = 0
    with (
        MewsClient(**client_options) as client,
        _destination(path) as stream,
        output.progress("export", None) as tracker,
    ):
        for step in write_codes(codes(client, query), stream, file_format):
            exported += step
            tracker.advance(step)
    where = path or "stdout"
    return Summary("export", {"exported": exported}, output.elapsed(), {"format": file_format, "file": where})


@contextlib.contextmanager
def _destination(path: str | None) -> Iterator[TextIO]:
    """stdout, or a file written beside `path` and renamed to it only when the export completes."""
    if path is None:
        yield sys.stdout
        sys.stdout.flush()
        return
    target = Path(path)
    descriptor, partial = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".partial", dir=target.parent or ".")
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8", newline="") as stream:
            yield stream
        os.chmod(partial, 0o666 & ~_umask())  # mkstemp made it private; the export gets the usual rights
        os.replace(partial, target)
    except BaseException:
        Path(partial).unlink(missing_ok=True)
        raise


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask
