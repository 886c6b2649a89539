"""`mews-vouchers vouchers add|update|delete`: a voucher made, changed or retired by name, its rates by name.

Subcommands of the `vouchers` group (which still lists vouchers when called alone). Every name is resolved before
anything is written: a service, a rate or a voucher that is not there, or is there twice, stops the command with the
closest names and nothing changed.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence
from typing import Any

import click

from mews_vouchers._commands._catalog import print_rows, service_named
from mews_vouchers._commands.delete import run_delete
from mews_vouchers._files.datetimes import DateReading, format_moment
from mews_vouchers._shared.console import CommandError, Output, Summary, counted
from mews_vouchers._shared.job import command_job
from mews_vouchers._shared.options import IsoDatetime, confirmer, moment_option, needs_yes
from mews_vouchers._shared.settings import Settings, shared_options
from mews_wrapper import (
    UNCHANGED,
    MewsClient,
    NewVoucher,
    NoMatchError,
    Rate,
    Service,
    Voucher,
    VoucherUpdate,
    match_rate,
    match_voucher,
)

Services = dict[uuid.UUID, Service]
"""The services a token reaches, by id."""

WRITE_COLUMNS = ("Name", "Id", "Type", "ServiceName", "Rates", "StayFrom", "StayUntil", "ExternalId", "IsActive")
TYPES = click.Choice(["Public", "PartnerCompany", "TravelAgency"])


def _as_id(text: str) -> uuid.UUID | None:
    try:
        return uuid.UUID(text)
    except ValueError:
        return None


def rates_named(client: MewsClient, texts: Sequence[str], service_id: uuid.UUID) -> tuple[list[uuid.UUID], list[Rate]]:
    """The rates named (by name or id; one id per text, in order) and every rate of the service."""
    rates = list(client.rates.get_all([service_id]))
    by_id = {rate.id: rate for rate in rates}
    chosen = []
    for text in texts:
        rate_id = _as_id(text)
        if rate_id is None:
            chosen.append(match_rate(text, rates).id)
        elif rate_id in by_id:
            chosen.append(rate_id)
        else:
            raise CommandError(f"rate {rate_id} is not a rate of service {service_id} (see `rates`)")
    return chosen, rates


def voucher_named(client: MewsClient, text: str, services: Services) -> Voucher:
    """The voucher called `text` (or with that id), with its rates: an active one first, else a deleted one."""
    voucher_id = _as_id(text)
    if voucher_id is not None:
        found = _vouchers_of(client, services, voucher_ids=[voucher_id], with_rates=True)
        if not found:
            raise CommandError(f"no voucher the token reaches has the id {voucher_id}")
        return found[0]
    vouchers = _vouchers_of(client, services, with_rates=True)
    try:
        return match_voucher(text, [voucher for voucher in vouchers if voucher.is_active])
    except NoMatchError:
        deleted = [voucher for voucher in vouchers if not voucher.is_active]
        try:
            return match_voucher(text, deleted)
        except NoMatchError:
            pass
        raise


def voucher_row(voucher: Voucher, service_name: str | None, rates: Sequence[Rate], zone: Any) -> dict[str, Any]:
    """A voucher as the write commands show it: names for its service and rates, its stay in `--timezone`."""
    names = {rate.id: rate.name or str(rate.id) for rate in rates}
    return {
        "Name": voucher.name,
        "Id": str(voucher.id),
        "Type": voucher.type,
        "ServiceName": service_name,
        "Rates": "; ".join(names.get(rate_id, str(rate_id)) for rate_id in voucher.rate_ids or ()),
        "StayFrom": format_moment(voucher.stay_start_utc, zone) or None,
        "StayUntil": format_moment(voucher.stay_end_utc, zone) or None,
        "ExternalId": voucher.external_identifier,
        "IsActive": voucher.is_active,
    }


def _shown(output: Output, summary: Summary, row: dict[str, Any]) -> int:
    """The voucher on stdout (a table, a line; with --json, inside the summary's JSON), and the summary."""
    if output.as_json:
        summary = Summary(summary.command, summary.counts, summary.elapsed_seconds, {"voucher": row}, summary.note)
    else:
        print_rows([row], WRITE_COLUMNS, output, "1 voucher", long=True)
    return output.summary(summary)


def _read_back(client: MewsClient, voucher: Voucher) -> Voucher:
    """The voucher as Mews holds it now, with its rates (a write's answer does not carry them)."""
    return next(iter(client.vouchers.get_all([voucher.service_id], voucher_ids=[voucher.id], with_rates=True)))


def _services(client: MewsClient) -> Services:
    """Every service the token reaches, by id: read once per command, for names and for the vouchers' reads."""
    return {service.id: service for service in client.services.get_all()}


def _vouchers_of(client: MewsClient, services: Services, **filters: Any) -> list[Voucher]:
    """The vouchers of these services that match (none for a token that reaches no service)."""
    return list(client.vouchers.get_all(list(services), **filters)) if services else []


def _service_name(services: Services, service_id: uuid.UUID) -> str | None:
    service = services.get(service_id)
    return None if service is None else service.name


@click.command("add", short_help="Make a voucher: its service, its rates by name, who may use it, when stays happen.")
@click.argument("name")
@click.option(
    "--service", required=True, metavar="NAME|ID", help="The service (usually Accommodation; see `services`)."
)
@click.option("--type", "kind", type=TYPES, default="Public", show_default=True, help="Who may use the voucher.")
@click.option("--rate", "rates", metavar="NAME|ID", multiple=True, help="A rate it unlocks (repeat; at most 10).")
@click.option("--company-id", type=click.UUID, metavar="UUID", help="The company (PartnerCompany, TravelAgency).")
@click.option("--stay-from", type=IsoDatetime(), help="Stays from (in --timezone without offset; a date: its start).")
@click.option("--stay-until", type=IsoDatetime(), help="Stays until (the same form).")
@click.option("--external-id", metavar="TEXT", help="The voucher's id in another system (up to 255 characters).")
@click.option("--allow-same-name", is_flag=True, help="Make it even when an active voucher has this name.")
@shared_options()
@command_job
def add(
    output: Output,
    settings: Settings,
    *,
    name: str,
    service: str,
    kind: str,
    rates: tuple[str, ...],
    company_id: uuid.UUID | None,
    stay_from: str | None,
    stay_until: str | None,
    external_id: str | None,
    allow_same_name: bool,
) -> int:
    """Make the voucher NAME in a service, with the rates it unlocks, by name: the first step of a campaign.

    Then `generate --count 1000 --voucher NAME --import` gives it codes. Rates are named as `rates --service` shows
    them. A name an active voucher already has is refused (`--voucher NAME` could no longer tell them apart) unless
    --allow-same-name. The voucher is read back and shown with its rates.
    """
    reading = DateReading(settings.zone)
    start = moment_option(reading, stay_from, "--stay-from")
    end = moment_option(reading, stay_until, "--stay-until")
    with settings.connection() as options, MewsClient(**options) as client:
        services = _services(client)
        service_id = service_named(service, services)
        named, known_rates = rates_named(client, rates, service_id)
        rate_ids = list(dict.fromkeys(named))  # a rate named twice is meant once
        wanted = NewVoucher(
            service_id,
            name,
            type=kind,
            rate_ids=rate_ids,
            company_id=company_id,
            stay_start_utc=start,
            stay_end_utc=end,
            external_identifier=external_id,
        )
        if not allow_same_name:
            _refuse_same_name(client, wanted.name, services)
        [created] = client.vouchers.add([wanted])
        voucher = _read_back(client, created)
    row = voucher_row(voucher, _service_name(services, service_id), known_rates, settings.zone)
    note = f"with {counted(len(voucher.rate_ids or ()), 'rate')}"
    return _shown(output, Summary("vouchers add", {"added": 1}, output.elapsed(), note=note), row)


def _refuse_same_name(client: MewsClient, name: str, services: Services) -> None:
    active = _vouchers_of(client, services, active=True)
    same = [voucher for voucher in active if voucher.name.casefold() == name.casefold()]
    if same:
        raise CommandError(
            f"an active voucher is already called {same[0].name!r} ({same[0].id}): choose another name, or "
            "--allow-same-name (then --voucher NAME cannot tell them apart)"
        )


@click.command("update", short_help="Change a voucher: rename it, replace, add or remove rates, move its stays.")
@click.argument("voucher")
@click.option("--rename", metavar="NAME", help="Its new name.")
@click.option("--type", "kind", type=TYPES, help="Who may use it.")
@click.option("--company-id", type=click.UUID, metavar="UUID", help="Its company (PartnerCompany, TravelAgency).")
@click.option("--rate", "rates", metavar="NAME|ID", multiple=True, help="Replace its rates with these (repeat).")
@click.option("--add-rate", "add_rates", metavar="NAME|ID", multiple=True, help="Add this rate (repeat).")
@click.option("--remove-rate", "remove_rates", metavar="NAME|ID", multiple=True, help="Remove this rate (repeat).")
@click.option("--no-rates", is_flag=True, help="Remove every rate.")
@click.option("--stay-from", type=IsoDatetime(), help="Stays from (in --timezone without offset).")
@click.option("--stay-until", type=IsoDatetime(), help="Stays until.")
@click.option("--clear-stay", is_flag=True, help="Stays at any time.")
@click.option("--external-id", metavar="TEXT", help="Its id in another system.")
@click.option("--clear-external-id", is_flag=True, help="Remove its external id.")
@shared_options()
@command_job
def update(
    output: Output,
    settings: Settings,
    *,
    voucher: str,
    rename: str | None,
    kind: str | None,
    company_id: uuid.UUID | None,
    rates: tuple[str, ...],
    add_rates: tuple[str, ...],
    remove_rates: tuple[str, ...],
    no_rates: bool,
    stay_from: str | None,
    stay_until: str | None,
    clear_stay: bool,
    external_id: str | None,
    clear_external_id: bool,
) -> int:
    """Change the voucher VOUCHER (its name or id); what is not named stays as it is.

    --rate replaces the whole set of rates; --add-rate and --remove-rate change one rate of the set as it is read
    right before the write (Mews only replaces whole sets: a change someone makes in between is overwritten).
    The voucher is read back and shown.
    """
    if (rates or no_rates) and (add_rates or remove_rates):
        raise click.UsageError("--rate/--no-rates replace the set; --add-rate/--remove-rate change it: not both")
    if rates and no_rates:
        raise click.UsageError("give --rate or --no-rates, not both")
    if clear_stay and (stay_from or stay_until):
        raise click.UsageError("give --stay-from/--stay-until or --clear-stay, not both")
    if clear_external_id and external_id is not None:
        raise click.UsageError("give --external-id or --clear-external-id, not both")
    asked = (rename, kind, company_id, rates, add_rates, remove_rates, no_rates, stay_from, stay_until, clear_stay)
    if not any(asked) and external_id is None and not clear_external_id:
        raise click.UsageError("say what to change: --rename, --rate, --add-rate, --stay-from, ... (see --help)")
    reading = DateReading(settings.zone)
    start = None if clear_stay else moment_option(reading, stay_from, "--stay-from")
    end = None if clear_stay else moment_option(reading, stay_until, "--stay-until")
    with settings.connection() as options, MewsClient(**options) as client:
        services = _services(client)
        current = voucher_named(client, voucher, services)
        if not current.is_active:
            raise CommandError(f"voucher {current.name!r} ({current.id}) is deleted: it cannot be changed")
        named, known_rates = rates_named(client, [*rates, *add_rates, *remove_rates], current.service_id)
        chosen = iter(named)
        replaced = [next(chosen) for _ in rates]
        added = [next(chosen) for _ in add_rates]
        removed = [next(chosen) for _ in remove_rates]
        changes: dict[str, Any] = {
            "name": rename if rename is not None else UNCHANGED,
            "type": kind or UNCHANGED,
            "company_id": company_id or UNCHANGED,
            "stay_start_utc": None if clear_stay else (start or UNCHANGED),
            "stay_end_utc": None if clear_stay else (end or UNCHANGED),
            "external_identifier": None if clear_external_id else (external_id or UNCHANGED),
            "rate_ids": _new_rates(current, replaced, added, removed, no_rates=no_rates, replacing=bool(rates)),
        }
        wanted = {
            key: value for key, value in changes.items() if value is not UNCHANGED and not _same(current, key, value)
        }
        if wanted:
            client.vouchers.update([VoucherUpdate(current.id, **wanted)])
            after = _read_back(client, current)
        else:
            output.say(f"voucher {current.name!r} already is as asked: nothing sent")
            after = current
    row = voucher_row(after, _service_name(services, current.service_id), known_rates, settings.zone)
    summary = Summary("vouchers update", {"updated": 1 if wanted else 0}, output.elapsed(), note=", ".join(wanted))
    return _shown(output, summary, row)


def _new_rates(
    current: Voucher,
    replaced: list[uuid.UUID],
    added: list[uuid.UUID],
    removed: list[uuid.UUID],
    *,
    no_rates: bool,
    replacing: bool,
) -> tuple[uuid.UUID, ...] | Any:
    """The whole set of rates to write (Mews replaces the set), or UNCHANGED."""
    if no_rates:
        return ()
    if replacing:
        return tuple(replaced)
    if not (added or removed):
        return UNCHANGED
    rates = list(current.rate_ids or ())  # as read just now (with_rates=True)
    rates.extend(rate for rate in added if rate not in rates)
    return tuple(rate for rate in rates if rate not in removed)


def _same(current: Voucher, key: str, value: Any) -> bool:
    """Whether the voucher already has this value (then the change is not sent)."""
    if key == "rate_ids":
        return set(current.rate_ids or ()) == set(value) and len(current.rate_ids or ()) == len(value)
    have: dt.datetime | str | uuid.UUID | None = getattr(current, key)
    return bool(have == value)


@click.command("delete", short_help="Retire a voucher (Mews keeps it, inactive); --with-codes deletes its codes first.")
@click.argument("voucher")
@click.option("--with-codes", is_flag=True, help="Delete its active codes first (else a voucher with codes is kept).")
@click.option("-y", "--yes", is_flag=True, help="Do not ask for confirmation.")
@shared_options()
@command_job
def delete(output: Output, settings: Settings, *, voucher: str, with_codes: bool, yes: bool) -> int:
    """Delete the voucher VOUCHER (its name or id). Mews keeps it, inactive (`vouchers` shows it so).

    A voucher with active codes is refused unless --with-codes, which deletes them first, in batches, accounted for
    as `delete` does; the voucher goes only when every code went. Asks first unless --yes (without a terminal to
    ask, --yes is required). A voucher already deleted is left as it is.
    """
    needs_yes(yes, False, "deleting a voucher")
    confirm = confirmer(yes)
    with settings.connection() as options, MewsClient(**options) as client:
        found = voucher_named(client, voucher, _services(client))
        if not found.is_active:
            output.say(f"voucher {found.name!r} ({found.id}) is already deleted")
            return output.summary(Summary("vouchers delete", {"deleted": 0, "codes_deleted": 0}, output.elapsed()))
        active = [code.id for code in client.voucher_codes.get_all([found.id]) if code.is_active]
        if active and not with_codes:
            raise CommandError(
                f"voucher {found.name!r} has {counted(len(active), 'active code')}: --with-codes deletes them first"
            )
        codes = f" and its {counted(len(active), 'active code')}" if active else ""
        if not confirm(f"Delete voucher {found.name!r} ({found.id}){codes}?"):
            output.say("nothing deleted")
            return output.summary(Summary("vouchers delete", {"deleted": 0, "codes_deleted": 0}, output.elapsed()))
        counts = {"deleted": 0, "codes_deleted": 0, "failed": 0, "unknown": 0}
        if active:
            codes_done = run_delete(
                options, output, code_ids=active, voucher_id=None, values=[], confirm=lambda _: True, dry_run=False
            )
            counts.update(
                codes_deleted=codes_done.counts["deleted"],
                failed=codes_done.counts["failed"],
                unknown=codes_done.counts["unknown"],
            )
            if codes_done.exit_code:
                output.warn(f"voucher {found.name!r} kept: not every code was deleted; run the same command again")
                return output.summary(Summary("vouchers delete", counts, output.elapsed(), codes_done.details))
        client.vouchers.delete([found.id])
        counts["deleted"] = 1
    return output.summary(Summary("vouchers delete", counts, output.elapsed(), {"voucher_id": str(found.id)}))
