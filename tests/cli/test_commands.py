"""`mews-vouchers` list, export, delete, help, exit codes and secrets.

In this process against a session sandbox (`cli`), and as the installed command where the process is the point
(`command`: a pseudo-terminal, `--sandbox` and its server, the `sandbox` subcommand, a missing extra, the README).
"""

from __future__ import annotations

import csv
import io
import json
import os
import pty
import re
import shlex
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from rich.console import Console

from mews_sandbox import DEMO_ACCESS_TOKEN, DEMO_CLIENT_TOKEN, VOUCHER_A, RunningSandbox
from mews_vouchers._files.codes_out import table
from mews_wrapper import MewsClient
from tests.cli.conftest import (
    COMMAND,
    EMPTY_VOUCHER,
    Cli,
    last_json,
    sandbox_env,
    seed_local_sandbox,
    write_codes_csv,
)
from tests.sandbox._http import add_codes

EXAMPLES = Path(__file__).parents[2] / "examples" / "codes.csv"
DEMO = {"client_token": DEMO_CLIENT_TOKEN, "access_token": DEMO_ACCESS_TOKEN, "rate_limit": None}
SUBCOMMANDS = ("list", "export", "import", "delete", "vouchers", "services", "sandbox")


def test_help_explains_every_subcommand(cli: Cli) -> None:
    result = cli("--help")
    assert result.returncode == 0
    for name in SUBCOMMANDS:
        assert re.search(rf"^  {name} +\w.{{20,}}$", result.stdout, re.MULTILINE), name
    for name in SUBCOMMANDS[:6]:
        own = cli(name, "--help")
        assert own.returncode == 0
        assert f"Usage: mews-vouchers {name}" in own.stdout
    assert cli("--version").stdout.startswith("mews-vouchers ")


def test_the_installed_command_runs_and_its_sandbox_subcommand_shows_the_sandbox_options(command: Cli) -> None:
    own = command("sandbox", "--help")  # the command becomes `python -m mews_sandbox --help`
    assert own.returncode == 0, own.stderr
    assert "--fault-script" in own.stdout


def test_the_readme_example_imports_and_exports(cli: Cli, tmp_path: Path) -> None:
    imported = cli("import", str(EXAMPLES))
    assert imported.returncode == 0, imported.stderr
    rows = list(csv.DictReader(EXAMPLES.open(encoding="utf-8")))
    assert f"added {len(rows)}," in imported.stderr

    exported = cli("export", VOUCHER_A, "-o", "out.csv")
    assert exported.returncode == 0, exported.stderr
    written = list(csv.DictReader((tmp_path / "out.csv").open(encoding="utf-8")))
    assert sorted(row["Value"] for row in written) == sorted(row["Value"] for row in rows)
    assert list(written[0]) == [
        "Id",
        "VoucherId",
        "Value",
        "ValidityStartUtc",
        "ValidityEndUtc",
        "CreatedUtc",
        "UpdatedUtc",
        "IsActive",
    ]


def test_an_export_round_trips_through_import_into_an_empty_voucher(cli: Cli, tmp_path: Path) -> None:
    assert cli("import", str(EXAMPLES)).returncode == 0
    deleted = cli("delete", "--voucher-id", VOUCHER_A, "--value", "WELCOME-001", "--yes")
    assert deleted.returncode == 0, deleted.stderr
    assert cli("export", VOUCHER_A, "-o", "a.csv").returncode == 0

    copied = cli("import", "a.csv", "--voucher-id", EMPTY_VOUCHER, "--json")

    assert copied.returncode == 0, copied.stderr
    summary = last_json(copied.stdout)
    assert (summary["added"], summary["skipped"], summary["skipped_lines_inactive"] != []) == (39, 1, True)
    copies = {}
    for file_format in ("csv", "json", "jsonl"):
        result = cli("export", EMPTY_VOUCHER, "--format", file_format, "-o", f"b.{file_format}")
        assert result.returncode == 0, result.stderr
        text = (tmp_path / f"b.{file_format}").read_text(encoding="utf-8")
        records = (
            list(csv.DictReader(io.StringIO(text)))
            if file_format == "csv"
            else json.loads(text)
            if file_format == "json"
            else [json.loads(line) for line in text.splitlines()]
        )
        copies[file_format] = {
            (r["Value"], r["ValidityStartUtc"] or None, r["ValidityEndUtc"] or None) for r in records
        }
    source = list(csv.DictReader((tmp_path / "a.csv").open(encoding="utf-8")))
    expected = {
        (row["Value"], row["ValidityStartUtc"] or None, row["ValidityEndUtc"] or None)
        for row in source
        if row["IsActive"] == "true"
    }
    assert copies["csv"] == copies["json"] == copies["jsonl"] == expected
    assert len(expected) == 39


def test_list_filters_and_prints_plain_lines_when_piped(cli: Cli, tmp_path: Path) -> None:
    assert cli("import", str(write_codes_csv(tmp_path / "c.csv", 30))).returncode == 0
    every = cli("list", VOUCHER_A).stdout.splitlines()
    assert len(every) == 30
    first_id = every[0].split("\t")[0]
    assert cli("delete", first_id, "--yes").returncode == 0

    active = cli("list", VOUCHER_A, "--active-only").stdout.splitlines()
    one = cli("list", VOUCHER_A, "--code-id", first_id, "--json").stdout.splitlines()
    recent = cli("list", VOUCHER_A, "--updated-since", "2000-01-01").stdout.splitlines()
    none = cli("list", VOUCHER_A, "--updated-since", "2000-01-01", "--updated-until", "2000-02-01")

    assert len(active) == 29
    assert [json.loads(line)["IsActive"] for line in one] == [False]
    assert len(recent) == 30
    assert none.stdout == ""
    assert none.returncode == 0


def test_delete_by_value_from_a_file_asks_for_yes_without_a_terminal_and_skips_what_is_not_there(
    cli: Cli, tmp_path: Path
) -> None:
    codes = write_codes_csv(tmp_path / "c.csv", 1500)
    assert cli("import", str(codes)).returncode == 0

    refused = cli("delete", "--voucher-id", VOUCHER_A, "--from-file", str(codes))
    deleted = cli("delete", "--voucher-id", VOUCHER_A, "--from-file", str(codes), "--yes", "--json")
    again = cli("delete", "--voucher-id", VOUCHER_A, "--from-file", str(codes), "--yes", "--json")

    assert refused.returncode == 2
    assert "--yes" in refused.stderr
    assert deleted.returncode == 0, deleted.stderr
    assert (last_json(deleted.stdout)["deleted"], last_json(deleted.stdout)["skipped"]) == (1500, 0)
    assert (last_json(again.stdout)["deleted"], last_json(again.stdout)["skipped"]) == (0, 1500)
    assert cli("list", VOUCHER_A, "--active-only").stdout == ""


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["import", "missing.csv"], "missing.csv: No such file or directory"),
        (["import", "--no-such-option", "x.csv"], "No such option"),
        (["list"], "name the vouchers: VOUCHER_ID..., or --voucher NAME"),
        (["list", "not-a-uuid"], "not a valid UUID"),
        (["list", VOUCHER_A, "--updated-since", "yesterday"], "not an ISO 8601 datetime"),
        (["delete", "--value", "X", "--yes"], "--value needs --voucher-id"),
        (["delete", "not-an-id", "--yes"], "not code ids"),
        (["delete", "--voucher-id", VOUCHER_A, "--value", "x" * 129, "--yes"], "1 to 128 characters long, got 129"),
        (["frobnicate"], "No such command"),
        (["list", VOUCHER_A, "--updated-since", "0001-01-01T00:00:00+01:00"], "outside the years 1 to 9999"),
        (["list", VOUCHER_A, "--updated-since", "2026-01-01", "--updated-until", "9999-12-31T23:59:59-01:00"], "9999"),
    ],
)
def test_bad_usage_and_bad_input_exit_with_2_and_one_clear_line(cli: Cli, args: list[str], words: str) -> None:
    result = cli(*args)
    assert result.returncode == 2
    assert words in result.stderr
    assert "Traceback" not in result.stderr
    assert len([line for line in result.stderr.splitlines() if line.strip()]) <= 3  # usage, hint, the error


def test_a_missing_token_is_bad_usage(cli: Cli) -> None:
    result = cli("list", VOUCHER_A, env={"MEWS_CLIENT_TOKEN": None, "MEWS_ACCESS_TOKEN": None})
    assert result.returncode == 2
    error = result.stderr.strip().splitlines()[-1]
    assert error.startswith("Error: no tokens: set MEWS_CLIENT_TOKEN and MEWS_ACCESS_TOKEN")
    assert "--sandbox" in error
    assert "client_token=" not in result.stderr  # a command line has no keyword arguments


def test_a_refused_token_exits_1_with_the_request_id_and_never_shows_the_token(cli: Cli, tmp_path: Path) -> None:
    secret = "SECRET-ACCESS-TOKEN-0123456789ABCDEF"
    env: dict[str, str | None] = {"MEWS_ACCESS_TOKEN": secret}
    codes = str(write_codes_csv(tmp_path / "c.csv", 3))
    runs = [cli(*args, env=env) for args in (["list", VOUCHER_A], ["import", codes], ["import", codes, "-v"])]
    runs.append(cli("import", codes, "--json", env=env))
    for result in runs:
        assert result.returncode == 1
        assert secret not in result.stdout + result.stderr
        assert secret[:12] not in result.stdout + result.stderr
    errors = [line for line in runs[0].stderr.splitlines() if line.startswith("mews-vouchers: error:")]
    assert len(errors) == 1
    assert re.search(r"Invalid ClientToken or AccessToken\. \(request id [\w-]+\)", errors[0])
    assert "Traceback (most recent call last)" in runs[2].stderr  # --verbose adds it, still without the token


def test_a_pseudo_terminal_shows_a_progress_bar_and_a_table(
    cli_env: dict[str, str], cli_sandbox: RunningSandbox, tmp_path: Path
) -> None:
    codes = write_codes_csv(tmp_path / "c.csv", 3000)
    env = {**cli_env, **sandbox_env(cli_sandbox.url)}
    imported = run_in_terminal([str(COMMAND), "import", str(codes)], env)
    listed = run_in_terminal([str(COMMAND), "list", VOUCHER_A, "--code-id", VOUCHER_A], env)

    assert "\x1b[" in imported  # drawn, not printed line by line
    assert "━" in imported  # the bar
    assert re.search(r"3000/3000.*codes.*codes/s", imported)
    assert "import: added 3,000, skipped 0" in imported
    assert "Value" in listed
    assert "Valid from" in listed  # a table's header, not tab-separated lines


def run_in_terminal(argv: list[str], env: dict[str, str]) -> str:
    """Run `argv` with a pseudo-terminal as stdin, stdout and stderr; everything it wrote."""
    pid, descriptor = pty.fork()
    if pid == 0:  # the child: becomes the command
        os.execve(argv[0], argv, {**env, "TERM": "xterm-256color"})
    chunks = []
    while True:
        try:
            chunk = os.read(descriptor, 65536)
        except OSError:  # the child closed the terminal
            break
        if not chunk:
            break
        chunks.append(chunk)
    _, status = os.waitpid(pid, 0)
    os.close(descriptor)
    assert os.waitstatus_to_exitcode(status) == 0, b"".join(chunks)
    return b"".join(chunks).decode("utf-8", errors="replace")


def test_the_command_without_its_extra_says_how_to_install_it(tmp_path: Path) -> None:
    blocker = tmp_path / "click.py"
    blocker.write_text("raise ImportError('blocked for the test', name='click')\n", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-c", "import sys; from mews_vouchers import main; sys.exit(main())"],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(tmp_path)},
        check=False,
    )
    assert result.returncode == 2
    assert "pip install 'mews-wrapper[cli]'" in result.stderr


def test_the_readme_walkthrough_runs_as_printed(cli: Cli, tmp_path: Path) -> None:
    readme = (Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")
    section = readme.split("## The command line: `mews-vouchers`", 1)[1].split("\n## ", 1)[0]
    block = section.split("```sh\n", 1)[1].split("```", 1)[0]
    commands = [shlex.split(line.split("  #")[0]) for line in block.splitlines() if line.startswith(".venv/bin/")]
    assert len(commands) == 9
    (tmp_path / "examples").mkdir()
    (tmp_path / "examples" / "codes.csv").write_bytes(EXAMPLES.read_bytes())
    results = [cli(*line[1:], "--json") for line in commands[:-1]]  # as printed: --sandbox starts its own server
    for line, result in zip(commands, results, strict=False):
        assert result.returncode == 0, (line, result.stderr)
    summaries = [last_json(result.stdout) for result in results if '"command"' in result.stdout]
    firsts = [(summary["command"], *list(summary.items())[1]) for summary in summaries]
    assert firsts == [
        ("import", "added", 40),
        ("import", "added", 0),
        ("export", "exported", 40),
        ("import", "added", 40),
        ("export", "exported", 80),
        ("delete", "deleted", 40),
    ]
    assert (tmp_path / "codes-export.csv").exists()
    assert "Summer sale" in results[0].stdout  # the vouchers, by name
    assert {row.split(",")[2] for row in (tmp_path / "all.csv").read_text().splitlines()[1:]} == {
        "Summer sale",
        "Corporate rate",
    }


def test_the_readme_spreadsheet_walkthrough_runs_as_printed_and_shows_what_it_prints(cli: Cli, tmp_path: Path) -> None:
    readme = (Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")
    section = readme.split("### Spreadsheets", 1)[1].split("\n## ", 1)[0]
    block = section.split("```sh\n", 1)[1].split("```", 1)[0]
    shown = section.split("```text\n", 1)[1].split("```", 1)[0].splitlines()
    commands = [shlex.split(line) for line in block.splitlines() if line.startswith(".venv/bin/")]
    assert len(commands) == 4
    assert all("--sandbox" in line for line in commands)
    (tmp_path / "examples").mkdir()
    workbook = Path(__file__).parents[2] / "examples" / "codes-excel.xlsx"
    (tmp_path / "examples" / "codes-excel.xlsx").write_bytes(workbook.read_bytes())
    runs = [cli(*line[2:]) for line in commands]  # against the test's sandbox, as --sandbox would serve it
    for line, result in zip(commands, runs, strict=True):
        assert result.returncode == 0, (line, result.stderr)
    assert runs[0].stdout.splitlines()[: len(shown)] == shown  # the README shows what the dry run prints
    assert "added 4, skipped 0" in runs[1].stderr
    assert "times without an offset read in Europe/Prague" in runs[1].stderr
    assert "2026-06-01T10:00:00+02:00" in runs[2].stdout
    assert (tmp_path / "corporate.xlsx").stat().st_size > 0


def test_the_campaigns_guide_quotes_what_its_generate_line_says_of_guessing(cli: Cli, tmp_path: Path) -> None:
    guide = (Path(__file__).parents[2] / "docs" / "guides" / "campaigns.md").read_text(encoding="utf-8")
    [line] = [line for line in guide.splitlines() if line.startswith(".venv/bin/mews-vouchers --sandbox generate")]
    words = shlex.split(line)[2:]
    assert words[words.index("--pattern") + 1] == "SUMMER-####-??????"
    assert cli("vouchers", "add", "Summer 2026", "--service", "Accommodation").returncode == 0
    generated = cli(*[word for word in words if word != "--import"], "-o", "codes.csv", "--json")
    assert generated.returncode == 0, generated.stderr
    assert last_json(generated.stdout)["generated"] == 1000
    assert "bits per code" not in generated.stderr  # --json: no chatter
    shown = re.search(r"\(`([\d.]+ bits per code .*?)`\)", guide.replace("\n  ", " "))  # what the guide quotes
    assert shown is not None
    said = cli(*[word for word in words if word != "--import"], "-o", "again.csv")  # told to people this time
    assert shown.group(1).split(";")[0] in said.stderr


def test_the_sandbox_subcommand_serves_the_state_that_sandbox_mode_keeps(
    command: Cli, cli_env: dict[str, str], tmp_path: Path
) -> None:
    seed_local_sandbox(cli_env, 3)
    server = subprocess.Popen(
        [str(COMMAND), "sandbox", "--port", "0"],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**cli_env, "PYTHONUNBUFFERED": "1"},
    )
    try:
        assert server.stdout is not None
        line = server.stdout.readline().strip()
        assert line.startswith("listening on http://127.0.0.1:"), line
        listed = command("list", VOUCHER_A, env=sandbox_env(line.removeprefix("listening on ")))
        assert [row.split("\t")[2] for row in listed.stdout.splitlines()] == [f"SEED-000000{n}" for n in (2, 1, 0)]
    finally:
        server.terminate()  # reaches the server itself: the command became it
        assert server.wait(timeout=10) == 0
    assert server.stderr is not None
    assert EMPTY_VOUCHER in server.stderr.read()  # it said which vouchers it knows


def test_delete_from_a_file_deletes_only_the_values_it_names_quoted_line_breaks_and_form_feeds_included(
    cli: Cli, tmp_path: Path
) -> None:
    codes = tmp_path / "c.csv"
    codes.write_text(f"VoucherId,Value\n{VOUCHER_A},AB\n{VOUCHER_A},X\n{VOUCHER_A},Y\n", encoding="utf-8")
    assert cli("import", str(codes)).returncode == 0
    listed = tmp_path / "delete.csv"
    listed.write_bytes(b'Value\n"A\nB"\nX\x0cY\n')  # one value with a line break, one with a form feed

    result = cli("delete", "--voucher-id", VOUCHER_A, "--from-file", str(listed), "--yes", "--json")

    assert result.returncode == 0, result.stderr
    assert (last_json(result.stdout)["deleted"], last_json(result.stdout)["skipped"]) == (0, 2)
    active = cli("list", VOUCHER_A, "--active-only").stdout.splitlines()
    assert sorted(line.split("\t")[2] for line in active) == ["AB", "X", "Y"]


def test_an_import_with_a_quote_left_open_is_refused_whole_naming_the_line(cli: Cli, tmp_path: Path) -> None:
    codes = tmp_path / "c.csv"
    codes.write_text(f'VoucherId,Value\n{VOUCHER_A},FINE\n{VOUCHER_A},"OPEN\n{VOUCHER_A},SWALLOWED\n', encoding="utf-8")

    result = cli("import", str(codes))

    assert result.returncode == 2
    assert "line 3: a quoted value opens here and is never closed" in result.stderr
    assert cli("list", VOUCHER_A).stdout == ""  # nothing went in, not even the row before it


HOSTILE = ["CLEAR\x1b[2JSCREEN", "TITLE\x1b]0;pwned\x07", "RTL\u202eTXT", "C1\x9b31m"]


def test_values_reach_the_terminal_with_control_characters_escaped(
    cli: Cli, cli_sandbox: RunningSandbox, tmp_path: Path
) -> None:
    add_codes(cli_sandbox.url, HOSTILE)  # made through the API directly: Mews holds what other tools wrote
    listed = tmp_path / "delete.txt"
    listed.write_text("\n".join(HOSTILE) + "\n", encoding="utf-8")

    shown = [
        cli("list", VOUCHER_A).stdout,
        cli("delete", "--voucher-id", VOUCHER_A, "--from-file", str(listed), "--dry-run").stdout,
    ]
    console = Console(file=io.StringIO(), force_terminal=True, width=200)
    table(list(MewsClient(platform_url=cli_sandbox.url, **DEMO).voucher_codes.get_all([VOUCHER_A])), console)
    shown.append(console.file.getvalue())  # type: ignore[attr-defined]

    for text in shown:
        assert "CLEAR\\x1b[2JSCREEN" in text
        assert "RTL\\u202eTXT" in text
        for raw in ("\x1b[2J", "\x1b]0;", "\x07", "\u202e", "\x9b"):
            assert raw not in text
    assert len(shown[0].splitlines()) == len(HOSTILE)  # one line per code


def test_export_refuses_a_target_that_is_not_a_regular_file_and_leaves_it_as_it_was(cli: Cli, tmp_path: Path) -> None:
    fifo, link, folder, pointed = tmp_path / "pipe", tmp_path / "link.csv", tmp_path / "folder", tmp_path / "real.csv"
    os.mkfifo(fifo)
    pointed.write_text("kept\n", encoding="utf-8")
    link.symlink_to(pointed)
    folder.mkdir()
    for target, kind in [
        (fifo, "a FIFO (named pipe)"),
        (link, "a symbolic link"),
        (folder, "a folder"),
        (Path(os.devnull), "a character device"),
    ]:
        result = cli("export", VOUCHER_A, "-o", str(target))
        assert result.returncode == 2, (target, result.stderr)
        assert f"{target} is {kind}" in result.stderr
    assert stat.S_ISFIFO(fifo.lstat().st_mode)
    assert link.is_symlink()
    assert pointed.read_text(encoding="utf-8") == "kept\n"
    assert stat.S_ISCHR(os.lstat(os.devnull).st_mode)
    assert not list(tmp_path.glob(".*.partial"))


def test_export_over_a_file_keeps_its_permissions_and_a_missing_folder_is_named(cli: Cli, tmp_path: Path) -> None:
    private = tmp_path / "private.csv"
    private.write_text("old\n", encoding="utf-8")
    private.chmod(0o600)

    assert cli("export", VOUCHER_A, "-o", str(private)).returncode == 0

    assert stat.S_IMODE(private.stat().st_mode) == 0o600
    assert private.read_text(encoding="utf-8").startswith("Id,VoucherId,Value")
    missing = cli("export", VOUCHER_A, "-o", str(tmp_path / "nowhere" / "out.csv"))
    assert missing.returncode == 2
    assert f"{tmp_path / 'nowhere' / 'out.csv'}: the folder" in missing.stderr
    assert ".partial" not in missing.stderr
