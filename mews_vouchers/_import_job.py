"""`mews-vouchers import`: add the codes of a CSV file, idempotently, and say what became of every row.

Idempotent: the values already active on their voucher are read first and skipped, so a re-run after a failure or
an interruption adds only what is missing, and settles the rows whose outcome was unknown (it finds them by value).
"""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Sized
from typing import Any

from mews_vouchers._batches import Tally, send_in_batches
from mews_vouchers._codes_out import escaped
from mews_vouchers._console import Output, Summary, describe, line_ranges
from mews_vouchers._datetimes import format_utc
from mews_vouchers._import_file import ImportFile
from mews_vouchers._import_rows import Row
from mews_wrapper import AsyncMewsClient, MewsError, MewsValidationError


async def import_rows(file: ImportFile, client_options: dict[str, Any], output: Output, *, dry_run: bool) -> Summary:
    """Skip the rows already active, add the others in batches (or list them, for a dry run); the summary.

    Bad rows are told first, before anything is read or sent.
    """
    for bad in file.bad:
        output.warn(f"line {bad.line}: {bad.reason}")
    async with AsyncMewsClient(**client_options) as client:
        await client.voucher_codes.add([])  # checks the enterprise (portfolio tokens need one) and sends nothing
        try:
            active = await _active_values(client, file.rows.vouchers(), output)
        except MewsError as error:
            if isinstance(error, MewsValidationError):
                raise
            output.error(error, "reading the codes already there")
            return _summary(file, [], Tally(failed=list(file.rows), error=error), output)
        skipped, to_add = file.rows.split(active)
        del active  # the already-there values are no longer needed while the batches go out
        if dry_run:
            for row in to_add:
                code = row.code
                start, end = format_utc(code.validity_start_utc), format_utc(code.validity_end_utc)
                print(f"{row.line}\t{code.voucher_id}\t{escaped(code.value)}\t{start}\t{end}", flush=True)
            return _summary(file, skipped, None, output)

        async def send(batch: list[Row]) -> None:
            await client.voucher_codes.add([row.code for row in batch])

        tally = await send_in_batches(to_add, send, label="import", concurrency=client.max_concurrency, output=output)
    return _summary(file, skipped, tally, output)


async def _active_values(
    client: AsyncMewsClient, vouchers: list[uuid.UUID], output: Output
) -> set[tuple[uuid.UUID, str]]:
    """(voucher, value) of every active code of these vouchers."""
    active: set[tuple[uuid.UUID, str]] = set()
    if not vouchers:
        return active
    with output.progress("reading the codes already there", None) as tracker:
        async for page in client.voucher_codes.get_all_pages(vouchers):
            active.update((code.voucher_id, code.value) for code in page.items if code.is_active and code.value)
            tracker.advance(len(page.items))
    return active


def _summary(file: ImportFile, skipped: Sized, tally: Tally[Row] | None, output: Output) -> Summary:
    """The counts and line numbers, told to people (stderr) unless quiet; the exit code follows from them."""
    details: dict[str, Any] = {
        "dry_run": tally is None,
        "invalid_rows": [{"line": bad.line, "reason": bad.reason} for bad in file.bad],
        "skipped_lines_inactive": file.inactive,
    }
    skipped_count = len(skipped) + len(file.inactive)
    if tally is None:
        would_add = len(file.rows) - len(skipped)
        counts = {"would_add": would_add, "skipped": skipped_count, "invalid": len(file.bad)}
        return Summary("import (dry run)", counts, output.elapsed(), details)
    failed, unknown = [row.line for row in tally.failed], [row.line for row in tally.unknown]
    if file.inactive:
        output.say(f"left out {len(file.inactive):,} rows marked inactive (IsActive false)")
    if failed:
        output.warn(f"did not go in ({len(failed):,} rows): lines {line_ranges(failed)}")
    if unknown:
        output.warn(
            f"unknown ({len(unknown):,} rows: Mews may have added them): lines {line_ranges(unknown)}; "
            "run the same command again to settle them (it finds them by value)"
        )
    if tally.interrupted:
        output.warn(f"interrupted: {tally.done:,} rows went in; run the same command again to add the rest")
    details |= {
        "failed_lines": failed,
        "unknown_lines": unknown,
        "interrupted": tally.interrupted,
        "error": None if tally.error is None else describe(tally.error),
    }
    counts = {
        "added": tally.done,
        "skipped": skipped_count,
        "failed": len(failed),
        "unknown": len(unknown),
        "invalid": len(file.bad),
    }
    return Summary("import", counts, output.elapsed(), details)


def run_import(file: ImportFile, client_options: dict[str, Any], output: Output, *, dry_run: bool) -> Summary:
    """`import_rows` on its own event loop."""
    return asyncio.run(import_rows(file, client_options, output, dry_run=dry_run))
