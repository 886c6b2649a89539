"""`mews-vouchers sync`: make a voucher's active codes exactly a file's, by a plan shown first and applied as shown.

The plan compares the file's codes with the voucher's active ones, by value: those missing are added, those not in
the file deleted, and those whose validity differs replaced (Mews has no update for a voucher code: the old one is
deleted, then the new one added). The plan is applied only as it was shown: the voucher is read again just before,
and if it changed in between nothing is done. Deleting more than `--max-delete` codes is refused, and a file with
no codes never deletes everything. Deletes go first (a replaced value must not be active twice), then adds; a run
that stops part-way is settled by running it again (the new plan holds only what is left).
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import math
import os
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import click

from mews_vouchers._files.codes_out import escaped
from mews_vouchers._files.datetimes import DateReading, format_utc
from mews_vouchers._files.import_file import ImportFile, read_import_file
from mews_vouchers._files.import_rows import Row
from mews_vouchers._shared.batches import Tally, send_in_batches
from mews_vouchers._shared.console import EXIT_OK, EXIT_SOME_FAILED, CommandError, Output, Summary, counted, describe
from mews_vouchers._shared.job import command_job
from mews_vouchers._shared.leases import sync_lease
from mews_vouchers._shared.options import (
    DATE_FORMAT,
    confirmer,
    needs_yes,
    one_voucher,
    source_format,
    source_options,
)
from mews_vouchers._shared.settings import Settings, shared_options
from mews_vouchers._shared.vouchers import VoucherNames
from mews_wrapper import AsyncMewsClient, NewVoucherCode, VoucherCode

SAMPLE = 5
"""How many codes of each kind the plan shows."""


class SyncRefusedError(CommandError):
    """The plan is not applied: the file cannot say what the voucher should hold, or it would delete too much."""


class StalePlanError(CommandError):
    """The voucher changed between the plan and its application: nothing was applied."""

    exit_code = EXIT_SOME_FAILED


@dataclass(frozen=True)
class MaxDelete:
    """How many deletions a sync may make: a number, a percentage of the active codes, or the default."""

    count: int | None = None
    percent: float | None = None

    @classmethod
    def parse(cls, text: str) -> MaxDelete:
        """`250` or `25%`; `ValueError` for anything else."""
        try:
            if text.endswith("%"):
                percent = float(text[:-1])
                if not 0 <= percent <= 100 or math.isnan(percent):
                    raise ValueError
                return cls(percent=percent)
            count = int(text)
            if count < 0:
                raise ValueError
            return cls(count=count)
        except ValueError:
            raise ValueError(f"{text!r} is not a number of codes (250) or a percentage (25%)") from None

    def limit(self, active: int) -> int:
        """The most deletions allowed among `active` codes (default: 10 % of them or 100, whichever is larger)."""
        if self.count is not None:
            return self.count
        if self.percent is not None:
            return math.floor(active * self.percent / 100)
        return max(100, math.floor(active / 10))


@dataclass
class SyncPlan:
    """What a sync does: codes to add, to delete, to replace (old, new), and how many it keeps."""

    add: list[Row] = field(default_factory=list)
    delete: list[VoucherCode] = field(default_factory=list)
    replace: list[tuple[VoucherCode, Row]] = field(default_factory=list)
    keep: int = 0
    kept_sample: list[str] = field(default_factory=list)
    """The first values it keeps, to show."""
    seen: frozenset[tuple[Any, ...]] = frozenset()
    """The voucher's active codes the plan was made from (id, value, validity), to tell whether it went stale."""
    repeated: int = 0
    """Of the deletions: second (third...) active codes of a value the file keeps."""
    valueless: int = 0
    """Of the deletions: active codes without a value."""

    @property
    def deletions(self) -> int:
        """Codes the plan deletes, replacements included (a replaced code is deleted, its id and history gone)."""
        return len(self.delete) + len(self.replace)

    @property
    def empty(self) -> bool:
        """Nothing to do."""
        return not (self.add or self.delete or self.replace)

    def counts(self) -> dict[str, int]:
        """How many of each kind."""
        return {"add": len(self.add), "delete": len(self.delete), "replace": len(self.replace), "keep": self.keep}


def _snapshot(active: Sequence[VoucherCode]) -> frozenset[tuple[Any, ...]]:
    return frozenset((code.id, code.value, code.validity_start_utc, code.validity_end_utc) for code in active)


def make_plan(file: ImportFile, active: Sequence[VoucherCode]) -> SyncPlan:
    """The plan that makes `active` (the voucher's active codes) exactly the file's rows.

    A value active more than once keeps one code (one with the file's validity when there is one) and the others
    are deleted; an active code without a value is deleted: neither is in any file.
    """
    groups: dict[str, list[VoucherCode]] = {}
    plan = SyncPlan(seen=_snapshot(active))
    for code in active:
        if code.value:
            groups.setdefault(code.value, []).append(code)
        else:
            plan.delete.append(code)
            plan.valueless += 1
    wanted: set[str] = set()
    for row in file.rows:
        value = row.code.value
        wanted.add(value)
        there = groups.get(value)
        if not there:
            plan.add.append(row)
            continue
        validity = (row.code.validity_start_utc, row.code.validity_end_utc)
        kept = next((code for code in there if (code.validity_start_utc, code.validity_end_utc) == validity), None)
        if kept is None:
            kept = there[0]
            plan.replace.append((kept, row))
        else:
            plan.keep += 1
            if len(plan.kept_sample) < SAMPLE:
                plan.kept_sample.append(value)
        extra = [code for code in there if code is not kept]
        plan.delete.extend(extra)
        plan.repeated += len(extra)
    plan.delete += [code for value, codes in groups.items() if value not in wanted for code in codes]
    return plan


def _interval(start: dt.datetime | None, end: dt.datetime | None) -> str:
    return f"{format_utc(start) or '-'} .. {format_utc(end) or '-'}"


def plan_lines(plan: SyncPlan, limit: int | None = SAMPLE) -> list[str]:
    """The plan as lines: `add VALUE start .. end`, `delete VALUE`, `replace VALUE old -> new` (`limit` of each)."""
    lines: list[str] = []
    for row in plan.add[:limit]:
        lines.append(
            f"add\t{escaped(row.code.value)}\t{_interval(row.code.validity_start_utc, row.code.validity_end_utc)}"
        )
    for code in plan.delete[:limit]:
        lines.append(
            f"delete\t{escaped(code.value) if code.value else '(no value)'}\t"
            f"{_interval(code.validity_start_utc, code.validity_end_utc)}"
        )
    for old, new in plan.replace[:limit]:
        before = _interval(old.validity_start_utc, old.validity_end_utc)
        after = _interval(new.code.validity_start_utc, new.code.validity_end_utc)
        lines.append(f"replace\t{escaped(new.code.value)}\t{before} -> {after}")
    return lines


async def sync_codes(
    file: ImportFile,
    voucher_id: uuid.UUID,
    client_options: dict[str, Any],
    output: Output,
    *,
    dry_run: bool,
    confirm: Callable[[str], bool],
    max_delete: MaxDelete,
    lease_storage: str | None = None,
) -> Summary:
    """Plan, show, check the limits, ask, check the plan is still current, apply, compare; the summary.

    `lease_storage`: the Redis URL that holds the sync lease (None: a file lock on this machine).
    """
    for note in file.notes:
        output.warn(note)
    if file.bad:
        for bad in file.bad:
            output.warn(f"line {bad.line}: {bad.reason}")
        raise SyncRefusedError(
            f"{counted(len(file.bad), 'bad row')}: the file does not say what the voucher should hold; "
            "nothing planned (fix the rows, or import the good ones with `import`)"
        )
    if not len(file.rows):
        raise SyncRefusedError(
            "the file holds no codes: a sync would delete every active code of the voucher; "
            "to do that, use `delete` (nothing planned)"
        )
    async with AsyncMewsClient(**client_options) as client, contextlib.AsyncExitStack() as held:
        await client.voucher_codes.add([])  # checks the enterprise (portfolio tokens need one) and sends nothing
        if not dry_run:  # from the plan to the check after applying, no other sync of this voucher runs
            held.enter_context(sync_lease(client.platform_url, voucher_id, lease_storage))
        active = await _active(client, voucher_id, output)
        plan = make_plan(file, active)
        _show(plan, voucher_id, output, dry_run=dry_run)
        allowed = max_delete.limit(len(active))
        if plan.deletions > allowed:
            raise SyncRefusedError(
                f"the plan deletes {plan.deletions:,} of the voucher's {len(active):,} active codes, more than "
                f"--max-delete allows ({allowed:,}; replaced codes count, a replace deletes the old code: "
                f"{len(plan.replace):,} of the {plan.deletions:,}; by default 10 % or 100, whichever is larger): "
                "nothing applied; raise --max-delete (a number or a percentage) if that is meant"
            )
        if dry_run:
            return Summary("sync (dry run)", {**plan.counts(), "failed": 0, "unknown": 0}, output.elapsed())
        if plan.empty:
            return Summary("sync", _nothing_done(plan.keep), output.elapsed())
        question = f"Apply: add {len(plan.add):,}, delete {len(plan.delete):,}, replace {len(plan.replace):,}?"
        if not confirm(question):
            output.say("nothing applied")
            return Summary("sync", _nothing_done(plan.keep), output.elapsed())
        now = await _active(client, voucher_id, output)
        _check_current(plan, now)
        summary = await _apply(client, plan, voucher_id, output)
        if summary.exit_code == EXIT_OK:  # all applied: the voucher must now be the file
            _compared(file, await _active(client, voucher_id, output), summary, output)
        return summary


async def _active(client: AsyncMewsClient, voucher_id: uuid.UUID, output: Output) -> list[VoucherCode]:
    found: list[VoucherCode] = []
    with output.progress("reading the voucher's codes", None) as tracker:
        async for page in client.voucher_codes.get_all_pages([voucher_id]):
            found.extend(code for code in page.items if code.is_active)
            tracker.advance(len(page.items))
    return found


def _show(plan: SyncPlan, voucher_id: uuid.UUID, output: Output, *, dry_run: bool) -> None:
    counts = ", ".join(f"{name} {value:,}" for name, value in plan.counts().items())
    header = f"plan for voucher {voucher_id}: {counts}"
    if dry_run:  # the whole plan is the dry run's data
        output.say(header)
        for line in plan_lines(plan, limit=None):
            print(line, flush=False)
        return
    output.warn(header)
    if plan.repeated or plan.valueless:
        output.warn(
            f"  of the deletions, {plan.repeated:,} are second active codes of a value the file keeps and "
            f"{plan.valueless:,} active codes without a value"
        )
    if plan.replace:
        output.warn(f"  --max-delete counts the {len(plan.replace):,} replaced codes as deletions")
    for line in plan_lines(plan):
        output.warn("  " + line.replace("\t", "  "))
    for value in plan.kept_sample:
        output.warn(f"  keep  {escaped(value)}")
    shown = max(len(plan.add), len(plan.delete), len(plan.replace))
    if shown > SAMPLE:
        output.warn(f"  (at most {SAMPLE} of each kind shown: --dry-run lists them all)")
    if plan.replace:
        output.warn("  a replaced code is deleted, then added with its new validity (Mews has no update for codes)")


def _check_current(plan: SyncPlan, active: Sequence[VoucherCode]) -> None:
    now = _snapshot(active)
    if now == plan.seen:
        return
    gone, came = plan.seen - now, now - plan.seen
    sample = ", ".join(repr(escaped(str(entry[1]))) for entry in [*came, *gone][:SAMPLE])
    raise StalePlanError(
        f"the voucher changed since the plan was made ({counted(len(came), 'active code')} new or changed, "
        f"{len(gone):,} gone or changed: {sample}): nothing applied; run sync again for a plan of what it holds now"
    )


async def _apply(client: AsyncMewsClient, plan: SyncPlan, voucher_id: uuid.UUID, output: Output) -> Summary:
    concurrency = client.max_concurrency
    deleting = [code.id for code in plan.delete] + [old.id for old, _ in plan.replace]

    async def delete(batch: list[uuid.UUID]) -> None:
        await client.voucher_codes.delete(batch)

    deleted = await send_in_batches(deleting, delete, label="delete", concurrency=concurrency, output=output)
    not_deleted = set(deleted.failed) | set(deleted.unknown)
    adding: list[NewVoucherCode] = []
    added: Tally[NewVoucherCode] = Tally()
    if not (deleted.error or deleted.interrupted):
        adding = [row.code for row in plan.add]
        adding += [new.code for old, new in plan.replace if old.id not in not_deleted]

        async def add(batch: list[NewVoucherCode]) -> None:
            await client.voucher_codes.add(batch)

        added = await send_in_batches(adding, add, label="add", concurrency=concurrency, output=output)
    counts = _accounted(plan, deleted, added, attempted={code.value for code in adding})
    if deleted.failed or deleted.unknown or added.failed or added.unknown or deleted.interrupted or added.interrupted:
        output.warn("the sync stopped part-way: run the same command again to settle what is left (a new plan)")
    error = deleted.error or added.error
    details = {
        "voucher_id": str(voucher_id),
        "interrupted": deleted.interrupted or added.interrupted,
        "error": None if error is None else describe(error),
    }
    return Summary("sync", counts, output.elapsed(), details)


def differences(file: ImportFile, active: Sequence[VoucherCode]) -> list[str]:
    """How the voucher's active codes differ from the file's rows (empty when they are equal), one line each."""
    by_value: dict[str | None, list[VoucherCode]] = {}
    for code in active:
        by_value.setdefault(code.value or None, []).append(code)
    found: list[str] = []
    wanted: set[str] = set()
    for row in file.rows:
        value = row.code.value
        wanted.add(value)
        codes = by_value.get(value, [])
        want = _interval(row.code.validity_start_utc, row.code.validity_end_utc)
        if not codes:
            found.append(f"missing\t{escaped(value)}\t{want}")
            continue
        if len(codes) > 1:
            found.append(f"active {len(codes)} times\t{escaped(value)}")
        have = {_interval(code.validity_start_utc, code.validity_end_utc) for code in codes}
        if want not in have:
            found.append(f"validity differs\t{escaped(value)}\t{', '.join(sorted(have))} (the file: {want})")
    for key, codes in by_value.items():
        if key is None:
            found.append(f"without a value\t{counted(len(codes), 'active code')}")
        elif key not in wanted:
            found.append(f"not in the file\t{escaped(key)}")
    return found


def _compared(file: ImportFile, active: Sequence[VoucherCode], summary: Summary, output: Output) -> None:
    """Read after applying: the voucher equals the file, or the differences are told and the exit code says so."""
    found = differences(file, active)
    if not found:
        return
    summary.details["differences"] = found
    summary.counts["different"] = len(found)
    output.warn(
        f"the voucher does not match the file after the sync ({counted(len(found), 'difference')}; something else "
        "changed its codes meanwhile?): run sync again for a plan of what is left"
    )
    for line in found[:SAMPLE]:
        output.warn("  " + line.replace("\t", "  "))
    if len(found) > SAMPLE:
        output.warn(f"  ... and {len(found) - SAMPLE:,} more (--json lists them all)")


def _nothing_done(kept: int) -> dict[str, int]:
    return {"added": 0, "deleted": 0, "replaced": 0, "kept": kept, "failed": 0, "unknown": 0}


def _accounted(
    plan: SyncPlan, deleted: Tally[uuid.UUID], added: Tally[NewVoucherCode], *, attempted: set[str]
) -> dict[str, int]:
    """Every planned item, once: done (added, deleted, replaced), kept, failed, or unknown (Mews may have acted)."""
    counts = dict.fromkeys(("added", "deleted", "replaced", "kept", "failed", "unknown"), 0)
    counts["kept"] = plan.keep
    delete_failed, delete_unknown = set(deleted.failed), set(deleted.unknown)
    add_failed = {code.value for code in added.failed}
    add_unknown = {code.value for code in added.unknown}

    def add_fate(value: str) -> str | None:
        if value not in attempted or value in add_failed:
            return "failed"
        return "unknown" if value in add_unknown else None

    def delete_fate(code_id: uuid.UUID) -> str | None:
        if code_id in delete_failed:
            return "failed"
        return "unknown" if code_id in delete_unknown else None

    for row in plan.add:
        counts[add_fate(row.code.value) or "added"] += 1
    for code in plan.delete:
        counts[delete_fate(code.id) or "deleted"] += 1
    for old, new in plan.replace:
        counts[delete_fate(old.id) or add_fate(new.code.value) or "replaced"] += 1
    return counts


def run_sync(
    file: ImportFile,
    voucher_id: uuid.UUID,
    client_options: dict[str, Any],
    output: Output,
    *,
    dry_run: bool,
    confirm: Callable[[str], bool],
    max_delete: MaxDelete,
    lease_storage: str | None = None,
) -> Summary:
    """`sync_codes` on its own event loop."""
    return asyncio.run(
        sync_codes(
            file,
            voucher_id,
            client_options,
            output,
            dry_run=dry_run,
            confirm=confirm,
            max_delete=max_delete,
            lease_storage=lease_storage,
        )
    )


@click.command("sync", short_help="Make a voucher's active codes exactly a file's: a plan first, then apply it.")
@click.argument("file", metavar="FILE")
@click.option("--voucher-id", type=click.UUID, metavar="UUID", help="The voucher to make match the file.")
@click.option("--voucher", "voucher_name", metavar="NAME", help="The same, naming the voucher (see `vouchers`).")
@click.option("--dry-run", is_flag=True, help="Show the whole plan (on stdout) and change nothing.")
@click.option("-y", "--yes", is_flag=True, help="Apply without asking (required without a terminal).")
@click.option(
    "--max-delete",
    metavar="N|P%",
    help="The most codes it may delete, replaced codes included (a replace deletes the old code) (default: 10 % of "
    "the active codes or 100, whichever is larger).",
)
@source_options
@DATE_FORMAT
@shared_options()
@command_job
def command(
    output: Output,
    settings: Settings,
    file: str,
    *,
    voucher_id: uuid.UUID | None,
    voucher_name: str | None,
    dry_run: bool,
    yes: bool,
    max_delete: str | None,
    encoding: str | None,
    delimiter: str | None,
    sheet: str | None,
    date_format: str | None,
) -> int:
    """Make the voucher's active codes exactly FILE's: add the missing, delete the others, replace changed ones.

    FILE is read as import reads it (CSV, .xlsx or .ods; every row goes to the voucher). The plan comes first (counts,
    and a sample of each kind), then a question unless --yes; the plan is applied only as it was shown (the voucher
    is read again first: if it changed, nothing is applied). Mews has no update for codes: a replaced code is
    deleted, then added with its new validity. More deletions than --max-delete are refused; a file with bad rows
    or no codes changes nothing. Run it again after an interruption: the new plan holds only what is left.

    One sync of a voucher at a time: a second is refused while the first runs (a lock on this machine; through
    Redis with --rate-limit-storage). After applying, the voucher is read again: exit 0 only when it equals FILE,
    else the differences are listed (exit 1).
    """
    target = one_voucher(voucher_id, voucher_name)
    try:
        limit = MaxDelete() if max_delete is None else MaxDelete.parse(max_delete)
    except ValueError as error:
        raise click.BadParameter(str(error), param_hint="--max-delete") from None
    needs_yes(yes, dry_run, "sync")
    source = source_format(encoding, delimiter, sheet)
    reading = DateReading(settings.zone, date_format.upper() if date_format else None)
    confirm = confirmer(yes)
    with settings.connection() as options:
        names = VoucherNames(options)  # one read of the vouchers, for --voucher and the file's Voucher column
        chosen = target if isinstance(target, uuid.UUID) else names.id_of(target)
        loaded = read_import_file(
            file, chosen, source=source, reading=reading, voucher_named=names, only_this_voucher=True
        )
        summary = run_sync(
            loaded,
            chosen,
            options,
            output,
            dry_run=dry_run,
            confirm=confirm,
            max_delete=limit,
            lease_storage=settings.rate_limit_storage or os.environ.get("MEWS_RATE_LIMIT_STORAGE") or None,
        )
    return output.summary(summary, data_on_stdout=dry_run)
