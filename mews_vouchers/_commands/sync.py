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
import datetime as dt
import math
import sys
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
from mews_vouchers._shared.console import EXIT_SOME_FAILED, CommandError, Output, Summary, counted, describe
from mews_vouchers._shared.job import command_job
from mews_vouchers._shared.options import (
    DATE_FORMAT,
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
    """The plan that makes `active` (the voucher's active codes) exactly the file's rows."""
    by_value = {code.value: code for code in active if code.value is not None}
    plan = SyncPlan(seen=_snapshot(active))
    wanted: set[str] = set()
    for row in file.rows:
        wanted.add(row.code.value)
        there = by_value.get(row.code.value)
        if there is None:
            plan.add.append(row)
        elif (there.validity_start_utc, there.validity_end_utc) != (
            row.code.validity_start_utc,
            row.code.validity_end_utc,
        ):
            plan.replace.append((there, row))
        else:
            plan.keep += 1
            if len(plan.kept_sample) < SAMPLE:
                plan.kept_sample.append(row.code.value)
    plan.delete = [code for value, code in by_value.items() if value not in wanted]
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
            f"delete\t{escaped(code.value or '')}\t{_interval(code.validity_start_utc, code.validity_end_utc)}"
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
) -> Summary:
    """Plan, show, check the limits, ask, check the plan is still current, apply; the summary."""
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
    async with AsyncMewsClient(**client_options) as client:
        await client.voucher_codes.add([])  # checks the enterprise (portfolio tokens need one) and sends nothing
        active = await _active(client, voucher_id, output)
        plan = make_plan(file, active)
        _show(plan, voucher_id, output, dry_run=dry_run)
        allowed = max_delete.limit(len(active))
        if len(plan.delete) > allowed:
            raise SyncRefusedError(
                f"the plan deletes {len(plan.delete):,} of the voucher's {len(active):,} active codes, more than "
                f"--max-delete allows ({allowed:,}; by default 10 % or 100, whichever is larger): nothing applied; "
                "raise --max-delete (a number or a percentage) if that is meant"
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
        return await _apply(client, plan, voucher_id, output)


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
) -> Summary:
    """`sync_codes` on its own event loop."""
    return asyncio.run(
        sync_codes(file, voucher_id, client_options, output, dry_run=dry_run, confirm=confirm, max_delete=max_delete)
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
    help="The most codes it may delete (default: 10 % of the active codes or 100, whichever is larger).",
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

    FILE is read as import reads it (CSV or .xlsx; every row goes to the voucher). The plan comes first (counts,
    and a sample of each kind), then a question unless --yes; the plan is applied only as it was shown (the voucher
    is read again first: if it changed, nothing is applied). Mews has no update for codes: a replaced code is
    deleted, then added with its new validity. More deletions than --max-delete are refused; a file with bad rows
    or no codes changes nothing. Run it again after an interruption: the new plan holds only what is left.
    """
    target = one_voucher(voucher_id, voucher_name)
    try:
        limit = MaxDelete() if max_delete is None else MaxDelete.parse(max_delete)
    except ValueError as error:
        raise click.BadParameter(str(error), param_hint="--max-delete") from None
    if not (yes or dry_run or sys.stdin.isatty()):
        raise click.UsageError("sync needs --yes when there is no terminal to ask for confirmation")
    source = source_format(encoding, delimiter, sheet)
    reading = DateReading(settings.zone, date_format.upper() if date_format else None)

    def confirm(question: str) -> bool:
        return yes or click.confirm(question, default=False, err=True)

    with settings.connection() as options:
        names = VoucherNames(options)  # one read of the vouchers, for --voucher and the file's Voucher column
        chosen = target if isinstance(target, uuid.UUID) else names.id_of(target)
        loaded = read_import_file(
            file, chosen, source=source, reading=reading, voucher_named=names, only_this_voucher=True
        )
        summary = run_sync(loaded, chosen, options, output, dry_run=dry_run, confirm=confirm, max_delete=limit)
    return output.summary(summary, data_on_stdout=dry_run)
