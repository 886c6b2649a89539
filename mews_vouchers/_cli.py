"""The `mews-vouchers` command line: the group, its subcommands (one module each in `_commands`), and `run`.

Where things go: a subcommand is one module of `mews_vouchers._commands` (its options, its help and its job),
listed in `COMMANDS` below; what several share is in `_shared` (console, settings, options, the job wrapper);
files read and written (CSV, workbooks, encodings, dates) are in `_files`.
"""

from __future__ import annotations

from collections.abc import Sequence

import click

from mews_vouchers._commands import (
    delete,
    enterprises,
    export,
    find,
    generate,
    import_,
    rates,
    services,
    sync,
    vouchers,
    warehouse,
)
from mews_vouchers._commands import list as list_
from mews_vouchers._commands import sandbox as sandbox_
from mews_vouchers._main import EXIT_INTERRUPTED
from mews_vouchers._shared.console import EXIT_OK, EXIT_SOME_FAILED
from mews_vouchers._shared.job import reader_left
from mews_vouchers._shared.settings import shared_options
from mews_vouchers._shared.signals import terminations_interrupt
from mews_wrapper import __version__

HELP_EPILOG = """\b
Examples:
  mews-vouchers --sandbox vouchers --codes
  mews-vouchers --sandbox export --all -o all.csv
  mews-vouchers --sandbox import examples/codes.csv
  mews-vouchers --sandbox import examples/codes-excel.xlsx --timezone Europe/Prague --dry-run
  mews-vouchers --sandbox export fe568bbd-1ecb-4bb2-bf77-96c3698de20d -o codes.csv
  mews-vouchers list VOUCHER_ID --active-only | wc -l
  mews-vouchers delete --voucher-id VOUCHER_ID --from-file old-codes.txt --yes
  mews-vouchers --sandbox vouchers add "Summer 2026" --service Accommodation --rate "Best available"
  mews-vouchers --sandbox generate --count 1000 --voucher "Summer 2026" --import
  mews-vouchers --sandbox sync codes.xlsx --voucher "Summer 2026" --dry-run
  mews-vouchers --sandbox find SUMMER26-001
  mews-vouchers --sandbox rates --service Accommodation
  mews-vouchers --sandbox warehouse          # everything into mews_vouchers.duckdb; again: what changed

\b
Configuration: MEWS_CLIENT_TOKEN, MEWS_ACCESS_TOKEN, MEWS_PLATFORM_URL, MEWS_PORTFOLIO, MEWS_ENTERPRISE_ID,
MEWS_RATE_LIMIT_STORAGE (as for MewsClient), overridden by the options. --sandbox needs none of them.
\b
Exit codes: 0 done; 1 some codes failed or their outcome is unknown (re-run the same command to settle them),
or Mews refused the request; 2 bad usage or bad input (a --voucher name that matches no voucher, or several).
"""


@click.group(
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 110},
    epilog=HELP_EPILOG,
)
@click.version_option(__version__, "--version", prog_name="mews-vouchers", message="%(prog)s %(version)s")
@shared_options()
def cli() -> None:
    """List, export, import, delete, generate, sync and find Mews voucher codes, by the names of their vouchers.

    The vouchers, services, rates and enterprises a token reaches are listed by name. Every subcommand takes the
    options below, before or after its name. Progress goes to stderr with a summary at the end (added, skipped,
    failed, unknown, elapsed); data goes to stdout. Run `mews-vouchers COMMAND --help` for the options of each.
    """


COMMANDS = (
    vouchers,
    services,
    rates,
    enterprises,
    find,
    list_,
    export,
    import_,
    delete,
    generate,
    sync,
    warehouse,
    sandbox_,
)
"""The subcommands, by module: each module's `command`."""

for _module in COMMANDS:
    cli.add_command(_module.command)


def run(argv: Sequence[str] | None = None) -> int:
    """Parse `argv` (default: the process's), run the subcommand, and return the exit code."""
    try:
        with terminations_interrupt():
            result = cli.main(
                args=list(argv) if argv is not None else None, prog_name="mews-vouchers", standalone_mode=False
            )
    except click.exceptions.Exit as done:
        return done.exit_code
    except click.ClickException as error:  # usage errors: exit code 2
        error.show()
        return error.exit_code
    except click.exceptions.Abort as aborted:  # Ctrl-C or end of input at a prompt
        click.echo("mews-vouchers: aborted", err=True)
        return EXIT_INTERRUPTED if isinstance(aborted.__context__, KeyboardInterrupt) else EXIT_SOME_FAILED
    except KeyboardInterrupt:  # Ctrl-C outside a subcommand's job (while click parses, or before it)
        click.echo("mews-vouchers: interrupted", err=True)
        return EXIT_INTERRUPTED
    except BrokenPipeError:  # the reader left while click itself wrote (help, usage)
        return reader_left()
    return result if isinstance(result, int) else EXIT_OK
