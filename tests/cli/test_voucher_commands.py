"""`mews-vouchers vouchers add|update|delete`: a campaign from nothing, and a voucher changed and retired by name."""

from __future__ import annotations

import csv
import json
import shlex
from pathlib import Path

from mews_sandbox import DEMO_RATE, RATE_BREAKFAST_INCLUDED, RATE_NON_REFUNDABLE, VOUCHER_A, RunningSandbox
from tests.cli.conftest import Cli, last_json


def _rates_of(sandbox: RunningSandbox, name: str) -> tuple[str, ...]:
    [voucher] = [voucher for voucher in sandbox.state.store.vouchers.newest_first(
        list(sandbox.state.config.services), None) if voucher.name == name]  # fmt: skip
    return voucher.rate_ids


def test_a_campaign_from_nothing_in_two_commands_then_traced_changed_and_retired(
    cli: Cli, cli_sandbox: RunningSandbox, tmp_path: Path
) -> None:
    made = cli("vouchers", "add", "Summer 2026", "--service", "Accommodation", "--rate", "Best available",
               "--rate", "breakfast included")  # fmt: skip
    assert made.returncode == 0, made.stderr
    assert made.stdout.split("\t")[0] == "Summer 2026"
    assert "Best available; Breakfast included" in made.stdout
    assert _rates_of(cli_sandbox, "Summer 2026") == (DEMO_RATE, RATE_BREAKFAST_INCLUDED)
    generated = cli("generate", "--count", "1000", "--voucher", "Summer 2026", "--import", "-o", "codes.csv")
    assert generated.returncode == 0, generated.stderr
    with (tmp_path / "codes.csv").open(encoding="utf-8") as file:
        values = [row["Value"] for row in csv.DictReader(file)]
    assert len(values) == 1000

    found = cli("find", values[500], "--json")
    assert found.returncode == 0, found.stderr
    assert json.loads(found.stdout.splitlines()[0])["VoucherName"] == "Summer 2026"

    renamed = cli("vouchers", "update", "Summer 2026", "--rename", "Summer 2026 (EU)", "--rate", "Non-refundable",
                  "--rate", "Best available", "--json")  # fmt: skip
    assert renamed.returncode == 0, renamed.stderr
    shown = last_json(renamed.stdout)
    assert shown["voucher"]["Name"] == "Summer 2026 (EU)"
    assert shown["voucher"]["Rates"] == "Non-refundable; Best available"
    assert _rates_of(cli_sandbox, "Summer 2026 (EU)") == (RATE_NON_REFUNDABLE, DEMO_RATE)

    kept = cli("vouchers", "delete", "Summer 2026 (EU)", "--yes")
    assert kept.returncode == 2
    assert "has 1,000 active codes: --with-codes deletes them first" in kept.stderr
    retired = cli("vouchers", "delete", "Summer 2026 (EU)", "--yes", "--with-codes", "--json")
    assert retired.returncode == 0, retired.stderr
    assert last_json(retired.stdout)["deleted"] == 1
    assert last_json(retired.stdout)["codes_deleted"] == 1000
    listed = cli("vouchers", "--json")
    [gone] = [json.loads(line) for line in listed.stdout.splitlines() if "Summer 2026 (EU)" in line]
    assert gone["IsActive"] is False
    again = cli("vouchers", "delete", "Summer 2026 (EU)", "--yes")
    assert again.returncode == 0
    assert "already deleted" in again.stderr


def test_one_rate_is_added_and_another_removed_and_a_stay_moved_in_the_timezone(
    cli: Cli, cli_sandbox: RunningSandbox
) -> None:
    result = cli("vouchers", "update", "Summer sale", "--add-rate", "Non-refundable", "--remove-rate",
                 "Best available", "--stay-from", "2026-06-01", "--timezone", "Europe/Prague", "--json")  # fmt: skip
    assert result.returncode == 0, result.stderr
    voucher = last_json(result.stdout)["voucher"]
    assert voucher["Rates"] == "Non-refundable"
    assert voucher["StayFrom"] == "2026-06-01T00:00:00+02:00"
    stored = cli_sandbox.state.store.vouchers.by_ids([VOUCHER_A])[0]
    assert stored.rate_ids == (RATE_NON_REFUNDABLE,)
    same = cli("vouchers", "update", "Summer sale", "--add-rate", "Non-refundable")
    assert same.returncode == 0
    assert "already is as asked: nothing sent" in same.stderr
    assert cli_sandbox.state.store.vouchers.by_ids([VOUCHER_A])[0] == stored


def test_names_that_are_not_there_or_taken_stop_the_command_before_anything_is_written(
    cli: Cli, cli_sandbox: RunningSandbox
) -> None:
    before = cli_sandbox.state.store.vouchers.count()
    taken = cli("vouchers", "add", "summer sale", "--service", "Accommodation")
    assert taken.returncode == 2
    assert "already called 'Summer sale'" in taken.stderr
    no_rate = cli("vouchers", "add", "Autumn", "--service", "Accommodation", "--rate", "Best availible")
    assert no_rate.returncode == 2
    assert "Best available" in no_rate.stderr  # the closest name
    no_service = cli("vouchers", "add", "Autumn", "--service", "Spa")
    assert no_service.returncode == 2
    company = cli("vouchers", "add", "Autumn", "--service", "Accommodation", "--type", "PartnerCompany")
    assert company.returncode == 2
    assert "needs company_id" in company.stderr
    assert cli_sandbox.state.store.vouchers.count() == before
    nothing = cli("vouchers", "update", "Summer sale")
    assert nothing.returncode == 2
    assert "say what to change" in nothing.stderr
    both = cli("vouchers", "update", "Summer sale", "--rate", "Best available", "--add-rate", "Non-refundable")
    assert both.returncode == 2
    no_terminal = cli("vouchers", "delete", "Early bird")
    assert no_terminal.returncode == 2
    assert "needs --yes" in no_terminal.stderr
    assert all(voucher.is_active for voucher in cli_sandbox.state.store.vouchers.by_ids([VOUCHER_A]))


def test_listing_stays_what_vouchers_alone_does_and_names_the_rates_when_asked(cli: Cli) -> None:
    alone = cli("vouchers")
    assert alone.returncode == 0, alone.stderr
    assert "Summer sale" in alone.stdout
    assert "Rates" not in cli("vouchers", "--json").stdout
    with_rates = [json.loads(line) for line in cli("vouchers", "--rates", "--json").stdout.splitlines()]
    assert {row["Name"]: row["Rates"] for row in with_rates}["Summer sale"] == "Best available"
    assert "add" in cli("vouchers", "--help").stdout


def test_the_readmes_campaign_from_nothing_runs_as_printed(cli: Cli, cli_sandbox: RunningSandbox) -> None:
    readme = (Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")
    section = readme.split("### A campaign from nothing", 1)[1].split("```sh\n", 1)[1].split("```", 1)[0]
    lines = section.strip().splitlines()
    assert [shlex.split(line)[2] for line in lines] == ["vouchers", "generate"]  # two commands
    for line in lines:
        result = cli(*[word for word in shlex.split(line)[1:] if word != "--sandbox"])
        assert result.returncode == 0, (line, result.stderr)
    [voucher] = [found for found in cli_sandbox.state.store.vouchers.newest_first(
        list(cli_sandbox.state.config.services), None) if found.name == "Summer 2026"]  # fmt: skip
    assert voucher.rate_ids == (DEMO_RATE,)
    assert cli_sandbox.state.store.count() == 1000


def test_a_rate_both_added_and_removed_or_named_twice_is_a_clear_outcome(cli: Cli, cli_sandbox: RunningSandbox) -> None:
    both = cli("vouchers", "update", "Summer sale", "--add-rate", "Non-refundable", "--remove-rate", "Non-refundable")
    assert both.returncode == 0, both.stderr  # added, then removed: the set is as it was
    assert "already is as asked" in both.stderr
    twice = cli("vouchers", "add", "Twice", "--service", "Accommodation", "--rate", "Best available", "--rate",
                DEMO_RATE, "--json")  # fmt: skip
    assert twice.returncode == 0, twice.stderr
    assert last_json(twice.stdout)["voucher"]["Rates"] == "Best available"
