"""The warehouse against a real sandbox (a real clock: `UpdatedUtc` is now) and DuckDB as the real destination."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import duckdb
import pytest

from mews_sandbox import DEMO_CLIENT_TOKEN, PORTFOLIO_ACCESS_TOKEN, RunningSandbox
from mews_warehouse import LoadReport, load

Loader = Callable[..., LoadReport]


@pytest.fixture(autouse=True)
def _no_telemetry(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """dlt reports usage over the network unless told not to, and keeps its files in the home folder."""
    monkeypatch.setenv("RUNTIME__DLTHUB_TELEMETRY", "false")
    monkeypatch.setenv("DLT_DATA_DIR", str(tmp_path / "dlt-data"))
    monkeypatch.chdir(tmp_path)


def portfolio_options(sandbox: RunningSandbox, **options: Any) -> dict[str, Any]:
    """Client options for the sandbox's portfolio token (two enterprises), no rate limit unless given."""
    return {"client_token": DEMO_CLIENT_TOKEN, "platform_url": sandbox.url, "portfolio": True, "rate_limit": None,
            **options}  # fmt: skip


@pytest.fixture
def warehouse(tmp_path: Path) -> Callable[[RunningSandbox, str], Loader]:
    """`load` into `<name>.duckdb` in the test's folder, with the portfolio token unless told otherwise."""

    def make(sandbox: RunningSandbox, name: str = "warehouse") -> Loader:
        def run(**arguments: Any) -> LoadReport:
            tokens = arguments.pop("access_tokens", [PORTFOLIO_ACCESS_TOKEN])
            options = arguments.pop("client_options", portfolio_options(sandbox))
            return load(
                tokens,
                destination=_duckdb(tmp_path / f"{name}.duckdb"),
                pipeline_name=name,
                pipelines_dir=str(tmp_path / "pipelines"),
                client_options=options,
                **arguments,
            )

        return run

    return make


def _duckdb(path: Path) -> Any:
    import dlt  # noqa: PLC0415 - with the rest of the extra

    return dlt.destinations.duckdb(str(path))


def table(path: Path, name: str, columns: str = "*", dataset: str = "mews") -> set[tuple[Any, ...]]:
    """The rows of a table, as a set of tuples (dlt's own columns left out unless named)."""
    with duckdb.connect(str(path), read_only=True) as connection:
        return set(connection.sql(f"SELECT {columns} FROM {dataset}.{name}").fetchall())


def utc(value: dt.datetime | None) -> dt.datetime | None:
    """A datetime as DuckDB gives it back (aware, in the session's zone) turned to UTC, for comparison."""
    return None if value is None else value.astimezone(dt.UTC)
