"""How every subcommand runs: with the shared settings, and whatever escapes it turned into one line and an exit code.

A command's own problems are `CommandError`s (each says its exit code); Mews' refusals of bad input are exit 2, other
Mews and system errors exit 1, Ctrl-C exits 130 (the shell's code for it; SIGTERM and
SIGHUP 1), a reader that left a pipe 0.
"""

from __future__ import annotations

import functools
import logging
import os
import sys
from collections.abc import Callable
from typing import Any, TypeVar

import click

from mews_vouchers._main import EXIT_INTERRUPTED
from mews_vouchers._shared.console import EXIT_BAD_INPUT, EXIT_OK, EXIT_SOME_FAILED, CommandError, Output
from mews_vouchers._shared.settings import settings_of
from mews_wrapper import AmbiguousMatchError, MewsError, MewsValidationError, NoMatchError

_F = TypeVar("_F", bound=Callable[..., Any])


def command_job(function: _F) -> _F:
    """Run a subcommand as `function(output, settings, **options)`; what escapes it becomes one line and a code."""

    @functools.wraps(function)
    def run_job(*args: Any, **kwargs: Any) -> int:
        settings = settings_of(click.get_current_context())
        output = Output(quiet=settings.quiet, as_json=settings.json, verbose=settings.verbose)
        if settings.verbose:
            logging.basicConfig(level=logging.INFO, stream=sys.stderr, format="%(name)s: %(message)s")
        try:
            result: int = function(output, settings, *args, **kwargs)
        except BrokenPipeError:  # `mews-vouchers list ... | head`: the reader left, having read what it wanted
            return reader_left()  # (click would make it exit 1)
        except CommandError as error:
            output.error(error)
            return error.exit_code
        except (MewsValidationError, NoMatchError, AmbiguousMatchError) as error:
            output.error(error)
            return EXIT_BAD_INPUT
        except (MewsError, OSError) as error:
            output.error(error)
            return EXIT_SOME_FAILED
        except KeyboardInterrupt as interrupted:
            output.error(interrupted)
            return interrupted_exit(interrupted)
        return result

    return run_job  # type: ignore[return-value]


def interrupted_exit(interrupted: KeyboardInterrupt) -> int:
    """130 for Ctrl-C; 1 for SIGTERM or SIGHUP (raised as an interrupt naming the signal by `signals`)."""
    return EXIT_SOME_FAILED if interrupted.args else EXIT_INTERRUPTED


def reader_left() -> int:
    """Exit 0 quietly when stdout's reader has gone: what is still buffered goes nowhere, not to an error."""
    os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return EXIT_OK
