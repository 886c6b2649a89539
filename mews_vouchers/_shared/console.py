"""What the command says: messages and errors on stderr, progress, and the closing summary with its exit code.

Data (codes, dry-run rows, `--json` summaries) goes to stdout; everything for people goes to stderr, so that a
pipe gets only data. `--quiet` silences progress and summaries, never errors.
"""

from __future__ import annotations

import json
import sys
import time
import traceback
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, Protocol

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    SpinnerColumn,
    Task,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.text import Text

from mews_vouchers._main import EXIT_BAD_INPUT, EXIT_OK, EXIT_SOME_FAILED
from mews_wrapper import BatchError, MewsError

__all__ = ["EXIT_BAD_INPUT", "EXIT_OK", "EXIT_SOME_FAILED"]  # the exit codes, from `_main` (which runs first)
_RATE_FROM = 100
"""The fewest codes whose rate the summary gives (below, it would mostly measure the start)."""


class CommandError(Exception):
    """A problem the command itself found (bad input, a sandbox that does not start): its message is the line.

    `exit_code` is what the command exits with: bad input (2) unless a subclass says otherwise.
    """

    exit_code = EXIT_BAD_INPUT


class Tracker(Protocol):
    """Counts work done for a progress display."""

    def advance(self, count: int) -> None:
        """`count` more items are done."""


@dataclass
class Summary:
    """The counts a job ends with, its elapsed time, and details for scripts (line numbers, bad rows)."""

    command: str
    counts: dict[str, int]
    elapsed_seconds: float
    details: dict[str, Any] = field(default_factory=dict)
    note: str = ""
    """A last word for people, after the counts (`times without an offset read in Europe/Prague`)."""

    @property
    def exit_code(self) -> int:
        """1 when items failed or are unknown (or a sync left differences), else 2 for bad rows, else 0."""
        if self.counts.get("failed", 0) or self.counts.get("unknown", 0) or self.counts.get("different", 0):
            return EXIT_SOME_FAILED
        return EXIT_BAD_INPUT if self.counts.get("invalid", 0) else EXIT_OK

    def text(self) -> str:
        """One line: `import: added 2,500, skipped 0, failed 0, unknown 0, invalid 0 in 3.1 s (806 codes/s)`."""
        counts = ", ".join(f"{name} {value:,}" for name, value in self.counts.items())
        done = next(iter(self.counts.values()), 0)
        worth_a_rate = done >= _RATE_FROM and self.elapsed_seconds > 0
        rate = f" ({done / self.elapsed_seconds:,.0f} codes/s)" if worth_a_rate else ""
        note = f"; {self.note}" if self.note else ""
        return f"{self.command}: {counts} in {self.elapsed_seconds:.1f} s{rate}{note}"

    def as_json(self) -> str:
        """The same counts (and the details) as one JSON object."""
        document = {"command": self.command, **self.counts, "elapsed_seconds": round(self.elapsed_seconds, 3)}
        return json.dumps({**document, **self.details}, ensure_ascii=False)


class Output:
    """Where messages, errors, progress and summaries go, as `--quiet`, `--json` and `--verbose` say."""

    def __init__(self, *, quiet: bool, as_json: bool, verbose: bool) -> None:
        """`as_json`: summaries as JSON on stdout, and no progress."""
        self.quiet = quiet
        self.as_json = as_json
        self.verbose = verbose
        self.stderr = Console(stderr=True, highlight=False, soft_wrap=True)
        self.started = time.monotonic()

    @property
    def chatty(self) -> bool:
        """Whether progress and summaries are shown to people."""
        return not (self.quiet or self.as_json)

    def say(self, text: str) -> None:
        """A message for people (stderr), unless quiet or JSON."""
        if self.chatty:
            self.stderr.print(text, markup=False)

    def warn(self, text: str) -> None:
        """A problem that people must see (stderr), even when quiet."""
        self.stderr.print(text, markup=False)

    def error(self, error: BaseException, context: str = "") -> None:
        """One line for an error (with the Mews request id when there is one); the traceback with --verbose."""
        if self.verbose:
            self.stderr.print("".join(traceback.format_exception(error)).rstrip(), markup=False)
        prefix = f"{context}: " if context else ""
        self.stderr.print(f"mews-vouchers: error: {prefix}{describe(error)}", markup=False)

    def summary(self, summary: Summary, *, data_on_stdout: bool = False) -> int:
        """Show the summary (text on stderr, or JSON on stdout) and return its exit code."""
        if self.as_json:
            print(summary.as_json(), file=sys.stderr if data_on_stdout else sys.stdout, flush=True)
        elif not self.quiet:
            self.stderr.print(summary.text(), markup=False)
        return summary.exit_code

    def elapsed(self) -> float:
        """Seconds since the command started."""
        return time.monotonic() - self.started

    @contextmanager
    def progress(self, label: str, total: int | None, unit: str = "codes") -> Iterator[Tracker]:
        """A progress bar on a terminal (a spinner and a count when the total is unknown); plain lines otherwise."""
        if not self.chatty:
            yield _Silent()
        elif self.stderr.is_terminal:
            with _bar(self.stderr, total, unit) as progress:
                task = progress.add_task(label, total=total)
                yield _BarTracker(progress, task)
        else:
            yield _LineTracker(self, label, total, unit)


def describe(error: BaseException) -> str:
    """One readable line: the error's message (a `BatchError`: its cause's, with the counts), never a token."""
    if isinstance(error, BatchError) and error.__cause__ is not None:
        return f"{_one_line(error.__cause__)} [{error.summary()}]"
    if isinstance(error, KeyboardInterrupt):
        return "interrupted"
    return _one_line(error)


def _one_line(error: BaseException) -> str:
    text = " ".join(str(error).split()) or type(error).__name__
    return text if isinstance(error, MewsError | CommandError) else f"{type(error).__name__}: {text}"


def counted(count: int, noun: str) -> str:
    """`1 row`, `2,500 rows`: a count and its noun, singular for one."""
    return f"{count:,} {noun}" if count == 1 else f"{count:,} {noun}s"


def line_ranges(lines: Iterable[int]) -> str:
    """`2-1001, 1500, 1502-1503`: sorted line numbers, runs collapsed."""
    ordered = sorted(set(lines))
    runs: list[list[int]] = []
    for line in ordered:
        if runs and line == runs[-1][1] + 1:
            runs[-1][1] = line
        else:
            runs.append([line, line])
    return ", ".join(str(start) if start == end else f"{start}-{end}" for start, end in runs)


def _bar(console: Console, total: int | None, unit: str) -> Progress:
    columns: Sequence[Any] = (
        [
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn(unit),
            _RateColumn(unit),
            TimeElapsedColumn(),
            TimeRemainingColumn(),
        ]
        if total is not None
        else [
            SpinnerColumn(),
            TextColumn("{task.description}"),
            TextColumn("{task.completed:,} " + unit),
            _RateColumn(unit),
            TimeElapsedColumn(),
        ]
    )
    return Progress(*columns, console=console, transient=False, refresh_per_second=8)


class _RateColumn(ProgressColumn):
    """`812 codes/s`, once there is a rate to show."""

    def __init__(self, unit: str) -> None:
        super().__init__()
        self._unit = unit

    def render(self, task: Task) -> Text:
        speed = task.finished_speed or task.speed
        return Text("" if speed is None else f"{speed:,.0f} {self._unit}/s")


class _Silent:
    def advance(self, count: int) -> None:
        del count


class _BarTracker:
    def __init__(self, progress: Progress, task: Any) -> None:
        self._progress = progress
        self._task = task

    def advance(self, count: int) -> None:
        self._progress.advance(self._task, count)


class _LineTracker:
    """A line per step, for logs and pipes: `import: 3,000/10,000 codes`."""

    def __init__(self, output: Output, label: str, total: int | None, unit: str) -> None:
        self._output = output
        self._label = label
        self._total = total
        self._unit = unit
        self._done = 0

    def advance(self, count: int) -> None:
        self._done += count
        if self._total is not None:
            self._output.say(f"{self._label}: {self._done:,}/{self._total:,} {self._unit}")
