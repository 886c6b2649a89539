"""`mews-vouchers warehouse`: the token's vouchers, codes, rates, services and properties into a warehouse (dlt).

The `dlt` extra (`pip install 'mews-wrapper[dlt]'`) brings dlt and DuckDB; they are imported when this command runs,
never with the others.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import click

from mews_vouchers._shared.console import CommandError, Output, Summary, counted
from mews_vouchers._shared.job import command_job
from mews_vouchers._shared.settings import Settings, shared_options

TABLES = ("enterprises", "services", "rates", "vouchers", "voucher_codes")


def tokens_from(path: str) -> list[str]:
    """The access tokens of a file, one per line (blank lines and `#` comments skipped); never echoed."""
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except OSError as error:
        raise CommandError(f"cannot read --tokens-file {path}: {error.strerror}") from None
    found = [line.strip() for line in lines if line.strip() and not line.strip().startswith("#")]
    if not found:
        raise CommandError(f"--tokens-file {path} holds no access token (one per line)")
    return found


def run_warehouse(
    options: dict[str, Any],
    output: Output,
    *,
    access_tokens: list[str] | None,
    destination: str,
    dataset: str,
    pipeline_name: str,
    full_refresh: bool,
    tables: tuple[str, ...],
) -> Summary:
    """Load once and say what it loaded and what it cost."""
    os.environ.setdefault("RUNTIME__DLTHUB_TELEMETRY", "false")  # dlt reports usage unless told not to
    try:
        import mews_warehouse  # noqa: PLC0415 - the dlt extra, imported only by this command
    except ImportError as error:
        raise CommandError(
            f"warehouse needs the dlt extra: pip install 'mews-wrapper[dlt]' ({error.name} is missing)"
        ) from None
    client_options = dict(options)
    if access_tokens is not None:
        client_options.pop("access_token", None)
    output.say(f"warehouse: loading {', '.join(tables)} into {destination} (dataset {dataset})")
    report = mews_warehouse.load(
        access_tokens,
        destination=destination,
        dataset_name=dataset,
        pipeline_name=pipeline_name,
        full_refresh=full_refresh,
        client_options=client_options,
        tables=tables,
    )
    loaded = sum(count for table, count in report.rows.items() if "__" not in table)
    counts = {"rows": loaded, "requests": report.total_requests}
    shown = ", ".join(f"{table} {count:,}" for table, count in report.rows.items()) or "nothing changed"
    output.say(f"warehouse: {shown}; {counted(report.total_requests, 'request')} to Mews")
    details = {
        "rows": report.rows,
        "requests": report.requests,
        "destination": report.destination,
        "dataset": report.dataset,
        "pipeline": pipeline_name,
    }
    return Summary("warehouse", counts, output.elapsed(), details)  # JSON: rows and requests per table, operation


@click.command("warehouse", short_help="Load vouchers, codes, rates, services and properties into a warehouse.")
@click.option(
    "--destination",
    default="duckdb",
    show_default=True,
    help="A dlt destination, configured as dlt reads it (.dlt/config.toml, secrets.toml, environment variables).",
)
@click.option("--dataset", default="mews", show_default=True, help="The dataset (schema) the tables go into.")
@click.option("--pipeline", "pipeline_name", default="mews_vouchers", show_default=True, help="dlt's pipeline name.")
@click.option("--full-refresh", is_flag=True, help="Drop what the pipeline loaded and its state; read everything.")
@click.option(
    "--tokens-file",
    metavar="FILE",
    help="Access tokens, one per line (a chain's properties): each read with its own window and high-water marks.",
)
@click.option("--table", "tables", multiple=True, type=click.Choice(TABLES), help="Only this table (repeat).")
@shared_options()
@command_job
def command(
    output: Output,
    settings: Settings,
    *,
    destination: str,
    dataset: str,
    pipeline_name: str,
    full_refresh: bool,
    tokens_file: str | None,
    tables: tuple[str, ...],
) -> int:
    """Load the token's voucher data into a warehouse with dlt: DuckDB (`<pipeline>.duckdb` here) by default.

    Tables: enterprises, services, rates, vouchers (with vouchers__rate_ids) and voucher_codes, merged on id, every
    row with its property's name. The first run reads everything; later runs read what changed since the last one
    (incremental on UpdatedUtc, in dlt's state, with an overlap that merging makes harmless). Deleted codes and
    vouchers arrive as rows with is_active false. The summary counts the rows loaded and the requests made to Mews.
    """
    access_tokens = tokens_from(tokens_file) if tokens_file else None
    with settings.connection() as options:
        summary = run_warehouse(
            options,
            output,
            access_tokens=access_tokens,
            destination=destination,
            dataset=dataset,
            pipeline_name=pipeline_name,
            full_refresh=full_refresh,
            tables=tables or TABLES,
        )
    return output.summary(summary)
