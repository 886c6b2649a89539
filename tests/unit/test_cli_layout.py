"""Where the next command goes: one module of `mews_vouchers._commands` per subcommand, each with its `command`."""

from __future__ import annotations

import importlib
import pkgutil

import click

import mews_vouchers._commands as commands_package
from mews_vouchers._cli import COMMANDS, cli


def _command_modules() -> list[str]:
    return [info.name for info in pkgutil.iter_modules(commands_package.__path__) if not info.name.startswith("_")]


def test_every_subcommand_is_the_command_of_a_module_named_after_it() -> None:
    modules = _command_modules()
    for name in modules:
        command = importlib.import_module(f"mews_vouchers._commands.{name}").command
        assert isinstance(command, click.Command)
        assert command.name == name.rstrip("_"), f"{name}.py defines {command.name!r}"
        assert cli.commands[command.name] is command
    assert sorted(cli.commands) == sorted(name.rstrip("_") for name in modules)
    assert sorted(module.__name__.rsplit(".", 1)[-1] for module in COMMANDS) == sorted(modules)


def test_the_command_line_is_three_small_packages_and_an_entry_point() -> None:
    import mews_vouchers  # noqa: PLC0415

    top = {info.name for info in pkgutil.iter_modules(mews_vouchers.__path__)}
    assert top == {"__main__", "_cli", "_main", "_commands", "_files", "_shared"}
