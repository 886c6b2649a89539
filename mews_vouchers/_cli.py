"""The `mews-vouchers` command line: the group, its subcommands (one module each in `_commands`), and `run`.

Where things go: a subcommand is one module of `mews_vouchers._commands` (its options, its help and its job),
listed in `COMMANDS` below and imported only when it runs; what several share is in `_shared` (console, settings,
options, the job wrapper); files read and written (CSV, workbooks, encodings, dates) are in `_files`.
"""

from __future__ import annotations

import importlib
from collections.abc import Sequence

import click

from mews_vouchers._main import EXIT_INTERRUPTED, EXIT_OK, EXIT_SOME_FAILED
from mews_vouchers._shared.settings import shared_options
from mews_vouchers._shared.signals import terminations_interrupt
from mews_wrapper import __version__

COMMANDS = (
    "vouchers",
    "services",
    "rates",
    "enterprises",
    "find",
    "list",
    "export",
    "import",
    "delete",
    "generate",
    "sync",
    "warehouse",
    "sandbox",
)
"""The subcommands, in the order `--help` lists them: each the `command` of its module in `_commands`."""

SHORT_HELP = {
    "vouchers": "Show every voucher the token reaches, by name; add, update or delete one.",
    "services": "Show every service the token reaches (a table, or lines when piped).",
    "rates": "Show the rates of the services the token reaches, by name.",
    "enterprises": "Show the enterprises (properties) the token reaches, with their names.",
    "find": "Which voucher a code is on, whether it is active, and until when.",
    "list": "Show the codes of vouchers (a table, or lines when piped).",
    "export": "Write every code of vouchers to CSV, an xlsx workbook, JSON or JSON Lines.",
    "import": "Add the codes of a CSV file or workbook, skipping those already there.",
    "delete": "Delete codes by id, or by value from a voucher.",
    "generate": "Make unique, unguessable codes for a voucher: a file, added with --import.",
    "sync": "Make a voucher's active codes exactly a file's: a plan first, then apply it.",
    "warehouse": "Load vouchers, codes, rates, services and properties into a warehouse.",
    "sandbox": "Start the local Mews-compatible sandbox server.",
}
"""What `--help` says of each subcommand without importing it (a test holds these to each command's own)."""


def module_of(name: str) -> str:
    """The module of a subcommand (`import` is `import_`: a keyword)."""
    return f"mews_vouchers._commands.{name}{'_' if name == 'import' else ''}"


class MissingExtraError(click.ClickException):
    """A subcommand's library is not installed: which extra brings it."""

    exit_code = 2


class LazyGroup(click.Group):
    """The group whose subcommands are imported when one runs: `--help` and a subcommand import only themselves.

    Every subcommand pulls in what it needs (rich, python-calamine, the sandbox's server, dlt): a user waiting for
    `list` should not pay for the workbook library, and `--help` for none of them.
    """

    def list_commands(self, ctx: click.Context) -> list[str]:
        """The subcommands, in their order."""
        return list(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        """The subcommand, imported now."""
        if cmd_name not in COMMANDS:
            return None
        try:
            module = importlib.import_module(module_of(cmd_name))
        except ImportError as missing:
            extra = "dlt" if cmd_name == "warehouse" else "cli"
            raise MissingExtraError(
                f"{cmd_name} needs the '{extra}' extra ({missing.name or missing} is not installed): "
                f"pip install 'mews-wrapper[{extra}]'"
            ) from None
        command: click.Command = module.command
        return command

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """The subcommands and what each does, from `SHORT_HELP` (nothing imported)."""
        with formatter.section("Commands"):
            formatter.write_dl([(name, SHORT_HELP[name]) for name in COMMANDS])


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
    cls=LazyGroup,
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
        from mews_vouchers._shared.job import reader_left  # noqa: PLC0415 - rarely needed

        return reader_left()
    return result if isinstance(result, int) else EXIT_OK
