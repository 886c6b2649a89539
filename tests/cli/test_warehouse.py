"""`mews-vouchers warehouse`: the sandbox's data into DuckDB, then only what changed; the guide's queries on it."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb

from tests.cli.conftest import Cli, last_json, write_codes_csv


def test_sandbox_warehouse_loads_everything_then_only_the_changes(command: Cli, tmp_path: Path) -> None:
    env = {"DLT_DATA_DIR": str(tmp_path / "dlt"), "RUNTIME__DLTHUB_TELEMETRY": "false"}
    first = command("--sandbox", "--sandbox-reset", "warehouse", "--json", env=env)
    assert first.returncode == 0, first.stderr
    loaded = last_json(first.stdout)
    assert loaded["rows"]["vouchers"] == 5
    assert loaded["rows"]["services"] == 2
    assert loaded["requests"]["voucherCodes/getAll"] >= 1
    write_codes_csv(tmp_path / "new.csv", 25, prefix="WAREHOUSE")
    assert command("--sandbox", "import", "new.csv", env=env).returncode == 0
    second = command("--sandbox", "warehouse", "--json", env=env)
    assert second.returncode == 0, second.stderr
    changed = last_json(second.stdout)
    assert changed["rows"]["voucher_codes"] == 25  # what changed, not everything again
    assert "vouchers" not in changed["rows"]
    with duckdb.connect(str(tmp_path / "mews_vouchers.duckdb"), read_only=True) as connection:
        count = connection.sql("SELECT count(*) FROM mews.voucher_codes WHERE value LIKE 'WAREHOUSE%'").fetchall()
    assert count == [(25,)]
    assert "AccessToken" not in first.stderr + second.stderr


def test_warehouse_says_what_it_loaded_and_refuses_an_empty_tokens_file(cli: Cli, tmp_path: Path) -> None:
    env: dict[str, str | None] = {"DLT_DATA_DIR": str(tmp_path / "dlt")}
    result = cli("warehouse", "--table", "services", "--table", "enterprises", env=env)
    assert result.returncode == 0, result.stderr
    assert "warehouse: enterprises 1, services 2; 3 requests to Mews" in result.stderr
    (tmp_path / "tokens.txt").write_text("# one per line\n\n", encoding="utf-8")
    empty = cli("warehouse", "--tokens-file", "tokens.txt", env=env)
    assert empty.returncode == 2
    assert "holds no access token" in empty.stderr
    again = json.loads(cli("warehouse", "--table", "services", "--json", env=env).stdout.splitlines()[-1])
    assert (again["rows"], again["requests"]) == ({}, {"enterprises/getAll": 1, "services/getAll": 1})  # no change
    refreshed = cli("warehouse", "--table", "services", "--json", "--full-refresh", env=env)
    assert json.loads(refreshed.stdout.splitlines()[-1])["rows"] == {"services": 2}
