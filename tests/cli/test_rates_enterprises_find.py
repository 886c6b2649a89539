"""`mews-vouchers rates`, `enterprises` and `find`: rates by name, a portfolio by name, a code traced in one command."""

from __future__ import annotations

import json
from pathlib import Path

from mews_sandbox import (
    DEMO_RATE,
    ENTERPRISE_A,
    ENTERPRISE_B,
    PORTFOLIO_ACCESS_TOKEN,
    SERVICE_A,
    VOUCHER_A,
    VOUCHER_B,
    VOUCHER_SPRING_2026,
    RunningSandbox,
)
from tests.cli.conftest import Cli
from tests.sandbox._http import add_codes


def test_rates_lists_the_rates_of_the_tokens_services_by_name(cli: Cli) -> None:
    result = cli("rates")
    assert result.returncode == 0, result.stderr
    lines = [line.split("\t") for line in result.stdout.splitlines()]
    assert [line[0] for line in lines] == ["Best available", "Breakfast included", "Non-refundable"]
    assert lines[0][:6] == ["Best available", DEMO_RATE, "Accommodation", SERVICE_A, "Public", "BAR"]
    assert cli("rates", "--service", "accommodation").stdout == result.stdout  # by name, up to case
    unknown = cli("rates", "--service", "Spa")
    assert unknown.returncode == 2
    assert "no service is called 'Spa'" in unknown.stderr


def test_enterprises_names_every_property_of_a_portfolio(cli: Cli) -> None:
    result = cli("enterprises", "--portfolio", "--json", env={"MEWS_ACCESS_TOKEN": PORTFOLIO_ACCESS_TOKEN})
    assert result.returncode == 0, result.stderr
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(row["Name"], row["Id"], row["TimeZone"]) for row in rows] == [
        ("Sandbox Hotel Budapest", ENTERPRISE_B, "Europe/Budapest"),
        ("Sandbox Hotel Prague", ENTERPRISE_A, "Europe/Prague"),
    ]


def test_find_traces_a_code_to_its_voucher_and_fails_for_an_unknown_one(cli: Cli, cli_sandbox: RunningSandbox) -> None:
    add_codes(cli_sandbox.url, ["TRACE-1"], VOUCHER_A)
    add_codes(cli_sandbox.url, ["TRACE-2"], VOUCHER_SPRING_2026)
    add_codes(cli_sandbox.url, ["trace-1"], VOUCHER_SPRING_2026)  # another code: Mews compares exactly
    found = cli("find", "TRACE-2", "TRACE-1", "--json")
    assert found.returncode == 0, found.stderr
    rows = [json.loads(line) for line in found.stdout.splitlines()]
    assert [(row["Value"], row["VoucherName"], row["ServiceName"], row["EnterpriseName"]) for row in rows] == [
        ("TRACE-2", "Spring 2026", "Accommodation", "Sandbox Hotel Prague"),
        ("TRACE-1", "Summer sale", "Accommodation", "Sandbox Hotel Prague"),
    ]
    assert all(row["IsActive"] for row in rows)
    missing = cli("find", "TRACE-1", "NOPE")
    assert missing.returncode == 1
    assert "no code is 'NOPE'" in missing.stderr
    assert missing.stdout.startswith("TRACE-1\ttrue\tSummer sale")


def test_enterprise_by_name_stands_for_enterprise_id(cli: Cli, cli_sandbox: RunningSandbox, tmp_path: Path) -> None:
    path = tmp_path / "budapest.csv"
    path.write_text(f"VoucherId,Value\n{VOUCHER_B},BUD-1\n", encoding="utf-8")
    portfolio = {"MEWS_ACCESS_TOKEN": PORTFOLIO_ACCESS_TOKEN}
    added = cli("--portfolio", "--enterprise", "sandbox hotel budapest", "import", str(path), "--json", env=portfolio)
    assert added.returncode == 0, added.stderr
    assert json.loads(added.stdout.splitlines()[-1])["added"] == 1
    assert cli_sandbox.state.store.vouchers_with_values(["BUD-1"]) == {VOUCHER_B}
    unknown = cli("--portfolio", "--enterprise", "Vienna", "import", str(path), env=portfolio)
    assert unknown.returncode == 2
    assert "no enterprise is called 'Vienna'" in unknown.stderr
    both = cli("--portfolio", "--enterprise", "x", "--enterprise-id", ENTERPRISE_B, "import", str(path), env=portfolio)
    assert both.returncode == 2
    assert "not both" in both.stderr


def test_find_still_answers_when_the_token_may_not_read_enterprises(cli: Cli, cli_sandbox: RunningSandbox) -> None:
    add_codes(cli_sandbox.url, ["TRACE-3"], VOUCHER_A)
    cli_sandbox.faults.add(*["ok"] * 6, "403")  # the seventh request, enterprises/getAll, is forbidden
    found = cli("find", "TRACE-3", "--json")
    assert found.returncode == 0, found.stderr
    row = json.loads(found.stdout.splitlines()[0])
    assert (row["VoucherName"], row["EnterpriseName"]) == ("Summer sale", None)
