"""`mews-vouchers delete`: delete codes by id, or by value from one voucher, after asking (unless `--yes`).

By value, the voucher's active codes are read first: a value that is not active there is skipped (so a re-run
after an interruption deletes only what is left), and the rest are deleted by id in batches.
"""

from __future__ import annotations

import asyncio
import csv
import sys
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mews_vouchers._batches import Tally, send_in_batches
from mews_vouchers._console import CommandError, Output, Summary, describe
from mews_wrapper import AsyncMewsClient, MewsError, MewsValidationError


class DeleteInputError(CommandError):
    """The ids or values to delete cannot be used (each problem on a line of the message)."""


@dataclass(frozen=True)
class Target:
    """A code to delete: its id, and its value when it was named by value."""

    id: uuid.UUID
    value: str | None = None


def read_listed(path: str, column: str) -> list[str]:
    """The entries of a file: one per line, or the `column` of a CSV file whose header names it (an export)."""
    try:
        text = sys.stdin.read() if path == "-" else Path(path).read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise DeleteInputError(f"{path}: not UTF-8") from None
    except OSError as error:
        raise DeleteInputError(f"{path}: {error.strerror or error}") from None
    lines = text.splitlines()
    first = next((line for line in lines if line.strip()), "")
    header = [cell.strip().casefold() for cell in next(csv.reader([first]), [])]
    if column.casefold() in header:
        position = header.index(column.casefold())
        rows = list(csv.reader(text.splitlines()[lines.index(first) + 1 :]))
        return [row[position] for row in rows if len(row) > position and row[position]]
    return [line for line in lines if line.strip()]


def parse_ids(texts: list[str]) -> list[uuid.UUID]:
    """UUIDs from text, in order, without repeats; `DeleteInputError` lists every one that is not a UUID."""
    ids: dict[uuid.UUID, None] = {}
    bad = []
    for text in texts:
        try:
            ids[uuid.UUID(text.strip())] = None
        except ValueError:
            bad.append(text)
    if bad:
        raise DeleteInputError("not code ids (UUIDs): " + ", ".join(repr(text) for text in bad[:20]))
    return list(ids)


async def delete_codes(
    client_options: dict[str, Any],
    output: Output,
    *,
    code_ids: list[uuid.UUID],
    voucher_id: uuid.UUID | None,
    values: list[str],
    confirm: Callable[[str], bool],
    dry_run: bool,
) -> Summary:
    """Find the codes (by value, on `voucher_id`), ask, delete them in batches; the summary."""
    async with AsyncMewsClient(**client_options) as client:
        await client.voucher_codes.delete([])  # checks the enterprise (portfolio tokens need one), sends nothing
        if voucher_id is None:
            targets, missing = [Target(code_id) for code_id in code_ids], list[str]()
        else:
            try:
                targets, missing = await _by_value(client, voucher_id, values, output)
            except MewsError as error:
                if isinstance(error, MewsValidationError):
                    raise
                output.error(error, "reading the voucher's codes")
                counts = {"deleted": 0, "skipped": 0, "failed": len(values), "unknown": 0}
                return Summary("delete", counts, output.elapsed(), {"error": describe(error)})
        if missing:
            shown = ", ".join(repr(value) for value in missing[:10]) + (" ..." if len(missing) > 10 else "")
            output.say(f"skipped {len(missing):,} values not active on the voucher: {shown}")
        if dry_run:
            for target in targets:
                print(f"{target.id}\t{target.value or ''}", flush=True)
            return Summary(
                "delete (dry run)", {"would_delete": len(targets), "skipped": len(missing)}, output.elapsed()
            )
        if targets and not confirm(f"Delete {len(targets):,} voucher codes?"):
            output.say("nothing deleted")
            return _summary(missing, Tally(), output)

        async def send(batch: list[Target]) -> None:
            await client.voucher_codes.delete([target.id for target in batch])

        tally = await send_in_batches(targets, send, label="delete", concurrency=client.max_concurrency, output=output)
    return _summary(missing, tally, output)


async def _by_value(
    client: AsyncMewsClient, voucher_id: uuid.UUID, values: list[str], output: Output
) -> tuple[list[Target], list[str]]:
    """The active codes of the voucher with these values, and the values that have none."""
    wanted = dict.fromkeys(values)
    found: dict[str, uuid.UUID] = {}
    with output.progress("reading the voucher's codes", None) as tracker:
        async for page in client.voucher_codes.get_all_pages([voucher_id]):
            found.update((code.value, code.id) for code in page.items if code.is_active and code.value in wanted)
            tracker.advance(len(page.items))
    targets = [Target(found[value], value) for value in wanted if value in found]
    return targets, [value for value in wanted if value not in found]


def _summary(missing: list[str], tally: Tally[Target], output: Output) -> Summary:
    failed, unknown = tally.failed, tally.unknown
    if failed:
        output.warn(f"not deleted ({len(failed):,}): " + _shown(failed))
    if unknown:
        output.warn(f"unknown ({len(unknown):,}: Mews may have deleted them): " + _shown(unknown))
    if tally.interrupted:
        output.warn(f"interrupted: {len(tally.done):,} codes deleted; run the same command again for the rest")
    counts = {
        "deleted": len(tally.done),
        "skipped": len(missing),
        "failed": len(failed),
        "unknown": len(unknown),
    }
    details = {
        "failed_ids": [str(target.id) for target in failed],
        "unknown_ids": [str(target.id) for target in unknown],
        "skipped_values": missing,
        "interrupted": tally.interrupted,
        "error": None if tally.error is None else describe(tally.error),
    }
    return Summary("delete", counts, output.elapsed(), details)


def _shown(targets: list[Target]) -> str:
    shown = ", ".join(target.value or str(target.id) for target in targets[:10])
    return shown + (" ..." if len(targets) > 10 else "")


def run_delete(client_options: dict[str, Any], output: Output, **arguments: Any) -> Summary:
    """`delete_codes` on its own event loop."""
    return asyncio.run(delete_codes(client_options, output, **arguments))
