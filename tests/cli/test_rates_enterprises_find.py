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


def test_a_portfolio_token_sees_enterprise_names_in_tables_and_in_an_export_of_every_voucher(
    cli: Cli, cli_sandbox: RunningSandbox, tmp_path: Path
) -> None:
    portfolio = {"MEWS_ACCESS_TOKEN": PORTFOLIO_ACCESS_TOKEN, "MEWS_PORTFOLIO": "1"}
    vouchers = cli("vouchers", "--json", env=portfolio)
    assert vouchers.returncode == 0, vouchers.stderr
    named = {row["Name"]: row["EnterpriseName"] for row in map(json.loads, vouchers.stdout.splitlines())}
    assert (named["Summer sale"], named["Partner offer"]) == ("Sandbox Hotel Prague", "Sandbox Hotel Budapest")
    services = cli("services", env=portfolio)
    assert services.stdout.splitlines()[0].split("\t")[4] in {"Sandbox Hotel Prague", "Sandbox Hotel Budapest"}
    assert "EnterpriseName" not in cli("vouchers", "--json").stdout  # one property: no column to add
    add_codes(cli_sandbox.url, ["IN-PRAGUE"], VOUCHER_A)
    add_codes(cli_sandbox.url, ["IN-BUDAPEST"], VOUCHER_B, portfolio=True, EnterpriseId=ENTERPRISE_B)
    exported = cli("export", "--all", "-o", "all.csv", env=portfolio)
    assert exported.returncode == 0, exported.stderr
    lines = (tmp_path / "all.csv").read_text(encoding="utf-8").splitlines()
    assert lines[0].split(",")[:5] == ["Id", "VoucherId", "VoucherName", "EnterpriseName", "Value"]
    assert {line.split(",")[3] for line in lines[1:]} == {"Sandbox Hotel Prague", "Sandbox Hotel Budapest"}
    only = cli("list", VOUCHER_A, VOUCHER_B, "--enterprise", "sandbox hotel budapest", env=portfolio)
    assert only.returncode == 0, only.stderr
    assert [line.split("\t")[2] for line in only.stdout.splitlines()] == ["IN-BUDAPEST"]
    unknown = cli("list", VOUCHER_A, "--enterprise", "Sandbox Hotel Vienna", env=portfolio)
    assert unknown.returncode == 2
    assert "Sandbox Hotel" in unknown.stderr  # the closest names
