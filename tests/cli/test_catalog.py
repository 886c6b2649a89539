"""`mews-vouchers vouchers` and `services`, and vouchers named instead of ids (`--voucher NAME`, `export --all`)."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from mews_sandbox import (
    PORTFOLIO_ACCESS_TOKEN,
    SERVICE_A,
    VOUCHER_A,
    VOUCHER_B,
    VOUCHER_EARLY_BIRD,
    VOUCHER_INACTIVE,
    RunningSandbox,
)
from tests.cli.conftest import Cli
from tests.sandbox._http import add_codes

VOUCHER_NAMES = ["Corporate rate", "Early bird", "Spring 2026", "Summer sale", "Winter 2025"]


def test_vouchers_lists_every_voucher_the_token_reaches_by_name(cli: Cli, cli_sandbox: RunningSandbox) -> None:
    add_codes(cli_sandbox.url, ["A-1", "A-2"], VOUCHER_A)
    result = cli("vouchers", "--codes")
    assert result.returncode == 0, result.stderr
    lines = [line.split("\t") for line in result.stdout.splitlines()]
    assert [line[0] for line in lines] == VOUCHER_NAMES  # sorted by name; the portfolio's other voucher is not here
    summer = next(line for line in lines if line[0] == "Summer sale")
    assert summer == [
        "Summer sale",
        VOUCHER_A,
        "Public",
        "Accommodation",
        SERVICE_A,
        summer[5],
        "true",
        "2",
    ]
    assert next(line for line in lines if line[1] == VOUCHER_INACTIVE)[6] == "false"


def test_vouchers_as_json_lines_and_the_portfolio_token_reaches_both_enterprises(cli: Cli) -> None:
    result = cli("vouchers", "--json", "--portfolio", env={"MEWS_ACCESS_TOKEN": PORTFOLIO_ACCESS_TOKEN})
    assert result.returncode == 0, result.stderr
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert {row["Id"] for row in rows} >= {VOUCHER_A, VOUCHER_B}
    assert list(rows[0]) == [
        "Name", "Id", "Type", "ServiceName", "ServiceId", "EnterpriseId", "EnterpriseName", "IsActive"
    ]  # fmt: skip


def test_services_lists_names_kinds_and_enterprises(cli: Cli) -> None:
    result = cli("services")
    assert result.returncode == 0, result.stderr
    assert [line.split("\t")[:3] for line in result.stdout.splitlines()] == [
        ["Accommodation", SERVICE_A, "Bookable"],
        ["Breakfast", "a1f0c7e2-3b4d-4c5e-9f60-718293a4b5c6", "Additional"],
    ]


def test_export_all_writes_every_code_of_every_voucher_with_its_name(
    cli: Cli, cli_sandbox: RunningSandbox, tmp_path: Path
) -> None:
    add_codes(cli_sandbox.url, ["S-1", "S-2"], VOUCHER_A)
    add_codes(cli_sandbox.url, ["E-1"], VOUCHER_EARLY_BIRD)
    result = cli("export", "--all", "-o", "all.csv")
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader((tmp_path / "all.csv").open(encoding="utf-8")))
    assert list(rows[0])[:4] == ["Id", "VoucherId", "VoucherName", "Value"]
    assert sorted((row["VoucherName"], row["Value"]) for row in rows) == [
        ("Early bird", "E-1"),
        ("Summer sale", "S-1"),
        ("Summer sale", "S-2"),
    ]
    again = cli("import", "all.csv", "--dry-run")  # the extra column does not stop an import
    assert again.returncode == 0, again.stderr


def test_list_import_and_delete_take_a_voucher_by_name(cli: Cli, tmp_path: Path) -> None:
    file = tmp_path / "codes.csv"
    file.write_text("Value\nNAMED-0\nNAMED-1\nNAMED-2\n", encoding="utf-8")
    imported = cli("import", str(file), "--voucher", "Early bird")
    assert imported.returncode == 0, imported.stderr
    listed = cli("list", "--voucher", "early BIRD")
    assert sorted(line.split("\t")[2] for line in listed.stdout.splitlines()) == ["NAMED-0", "NAMED-1", "NAMED-2"]
    assert {line.split("\t")[1] for line in listed.stdout.splitlines()} == {VOUCHER_EARLY_BIRD}
    deleted = cli("delete", "--voucher", "Early bird", "--value", "NAMED-1", "--yes")
    assert deleted.returncode == 0, deleted.stderr
    active = cli("list", "--voucher", "Early bird", "--active-only")
    assert sorted(line.split("\t")[2] for line in active.stdout.splitlines()) == ["NAMED-0", "NAMED-2"]


def test_a_name_that_matches_no_voucher_is_bad_input_naming_the_closest(cli: Cli, tmp_path: Path) -> None:
    result = cli("export", "--voucher", "Sumer sale", "-o", "x.csv")
    assert result.returncode == 2
    assert "no voucher is called 'Sumer sale'; did you mean 'Summer sale'?" in result.stderr
    assert not (tmp_path / "x.csv").exists()


def test_export_and_list_need_vouchers_and_all_stands_alone(cli: Cli) -> None:
    assert cli("export").returncode == 2
    assert "--all" in cli("export").stderr
    assert cli("list").returncode == 2
    mixed = cli("export", "--all", VOUCHER_A)
    assert mixed.returncode == 2
    assert "leave out VOUCHER_ID" in mixed.stderr
    both = cli("delete", "--voucher", "Summer sale", "--voucher-id", VOUCHER_A, "--value", "X", "--yes")
    assert both.returncode == 2
