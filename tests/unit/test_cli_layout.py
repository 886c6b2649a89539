"""Where the next command goes: one module of `mews_vouchers._commands` per subcommand, each with its `command`."""

from __future__ import annotations

import importlib
import pkgutil
from pathlib import Path

import click

import mews_vouchers._commands as commands_package
from mews_vouchers._cli import COMMANDS, SHORT_HELP, cli


def _command_modules() -> list[str]:
    return [info.name for info in pkgutil.iter_modules(commands_package.__path__) if not info.name.startswith("_")]


def test_every_subcommand_is_the_command_of_a_module_named_after_it() -> None:
    modules = _command_modules()
    context = click.Context(cli)
    for name in modules:
        command = importlib.import_module(f"mews_vouchers._commands.{name}").command
        assert isinstance(command, click.Command)
        assert command.name == name.rstrip("_"), f"{name}.py defines {command.name!r}"
        assert cli.get_command(context, command.name) is command
        assert SHORT_HELP[command.name] == command.short_help  # what --help says without importing it
    assert sorted(COMMANDS) == sorted(name.rstrip("_") for name in modules)
    assert sorted(SHORT_HELP) == sorted(COMMANDS)


def test_help_imports_no_subcommand_and_none_of_their_libraries() -> None:
    import subprocess  # noqa: PLC0415
    import sys  # noqa: PLC0415

    probe = (
        "import sys; from mews_vouchers import main; main(['--help']);"
        "print(sorted(name for name in sys.modules if name.startswith('mews_vouchers._commands.')"
        " or name.split('.')[0] in ('rich', 'openpyxl', 'python_calamine', 'httpx', 'mews_sandbox', 'dlt',"
        " 'mews_connector_client')))"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=False, timeout=60)
    assert result.stdout.strip().splitlines()[-1] == "[]", result.stderr
    assert "warehouse" in result.stdout  # listed all the same


def test_the_command_line_is_three_small_packages_and_an_entry_point() -> None:
    import mews_vouchers  # noqa: PLC0415

    top = {info.name for info in pkgutil.iter_modules(mews_vouchers.__path__)}
    assert top == {"__main__", "_cli", "_main", "_commands", "_files", "_shared"}


def test_the_warehouse_is_a_guest_nobody_else_pays_for() -> None:
    import subprocess  # noqa: PLC0415
    import sys  # noqa: PLC0415

    probe = (
        "import sys; from mews_vouchers import main; import mews_wrapper;"
        "code = main(['--help']);"
        "print(sorted(name for name in ('dlt', 'duckdb', 'mews_warehouse') if name in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=False, timeout=60)
    assert result.stdout.strip().splitlines()[-1] == "[]", result.stderr
    import mews_warehouse  # noqa: PLC0415

    source = Path(mews_warehouse.__file__).parent
    imported = {line.split()[1].split(".")[0] for path in source.glob("*.py") for line in path.read_text().splitlines()
                if line.startswith(("import ", "from ")) and not line.startswith("from __future__")}  # fmt: skip
    assert "mews_vouchers" not in imported  # a guest of the public API: mews_wrapper, never the command line
    assert not any(
        line.startswith("from mews_wrapper._") for path in source.glob("*.py") for line in path.read_text().splitlines()
    )
