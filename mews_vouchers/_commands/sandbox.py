"""`mews-vouchers sandbox`: the local Mews-compatible sandbox server, in the foreground, with --sandbox's state."""

from __future__ import annotations

import os
import subprocess
import sys

import click

from mews_vouchers._shared.console import EXIT_OK
from mews_vouchers._shared.local_sandbox import sandbox_command as sandbox_command_line
from mews_vouchers._shared.local_sandbox import sandbox_files, vouchers


@click.command(
    "sandbox",
    short_help="Start the local Mews-compatible sandbox server.",
    context_settings={"ignore_unknown_options": True, "allow_extra_args": True, "help_option_names": []},
    add_help_option=False,
)
@click.option("--reset", is_flag=True, help="Empty it first.")
@click.argument("sandbox_args", nargs=-1, type=click.UNPROCESSED)
def command(reset: bool, sandbox_args: tuple[str, ...]) -> int:
    """Start the local sandbox (python -m mews_sandbox) on port 8787, with the state --sandbox uses.

    Other options go to the sandbox (`mews-vouchers sandbox --help` lists them: --port, --latency, --rate-limit,
    fault injection...). It accepts the Mews demo tokens (see the README).
    """
    if "--help" in sandbox_args or "-h" in sandbox_args:  # before anything is reset or started
        click.echo(click.get_current_context().get_help())
        click.echo("\nThe sandbox's own options (after `mews-vouchers sandbox`):\n", nl=False)
        sys.stdout.flush()
        return subprocess.call([sys.executable, "-m", "mews_sandbox", "--help"])
    database, config = sandbox_files(reset)
    arguments = ["--port", "8787", *sandbox_args]
    listing = "\n".join(f"  {voucher}  {about}" for voucher, (_, about) in vouchers().items())
    click.echo(f"state: {database}\nvouchers:\n{listing}", err=True)
    command = sandbox_command_line(database, config, *arguments)
    if os.name == "posix":  # become the sandbox: signals (Ctrl-C, a service manager's SIGTERM) reach it directly
        sys.stdout.flush()
        sys.stderr.flush()
        os.execv(command[0], command)  # noqa: S606 - our own interpreter and module
    try:
        return subprocess.call(command)  # noqa: S603 - our own interpreter and module
    except KeyboardInterrupt:  # the sandbox got the same Ctrl-C and stopped
        return EXIT_OK
