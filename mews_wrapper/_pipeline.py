"""getAll's independent streams under asyncio: `max_concurrency` pages always on their way, none beyond them.

The rounds of `_shells._Rounds` send a page of each chosen stream at once and wait for the slowest before the next
round: every round pays a round trip in which the server has nothing to do (measured: 1.22x plain concurrent
httpx over five streams). Here a stream asks for its next page as soon as its last one has come and a page's
place is free, so the requests follow each other as plain concurrent code's do. What bounds memory is the same:
`width` places, each taken by a page on its way, a page waiting, or the page the reader holds (given back when the
reader asks for the next one), so a slow reader holds at most `width` pages, and a reader that stops leaves no
request starting; closing the iterator cancels what is on its way. A stream is never more than a page ahead of the
reader, and a single stream is not pipelined at all (the shell pages it as before): nothing runs behind a reader
of one query.

Pages come in the order they arrive: a stream's pages in its own order, the streams interleaved as they answer.
The tasks are asyncio's (anyio's task groups cannot stay open across the iterator's yields): under another event
loop the shell keeps its rounds.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Callable, Iterator
from typing import Any, Protocol

from mews_wrapper._steps import Program


class PagedStream(Protocol):
    """A stream the pipeline advances: a value at a time (`ended` when it has no more), then closed."""

    async def next_emitted(self) -> Any:
        """The stream's next value, or the `ended` marker."""

    def close(self) -> None:
        """Let the stream go."""


def running_on_asyncio() -> bool:
    """Whether the current task runs on an asyncio event loop (the pipeline's tasks need one)."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return False
    return True


async def pipelined(
    streams: Iterator[Program], open_stream: Callable[[Program], PagedStream], width: int, ended: object
) -> AsyncIterator[Any]:
    """What the streams emit, `width` pages on their way or waiting at most; up to `2 * width` streams open.

    A stream asks for its next page once the reader has taken its last one (so a stream is never more than a page
    ahead) and a place is free.
    """
    places = asyncio.Semaphore(width)
    arrived: asyncio.Queue[tuple[PagedStream, Any, BaseException | None]] = asyncio.Queue()
    tasks: dict[PagedStream, asyncio.Task[None]] = {}
    taken: dict[PagedStream, asyncio.Event] = {}

    async def fetch(stream: PagedStream) -> None:
        while True:
            await places.acquire()
            try:
                value = await stream.next_emitted()
            except Exception as error:  # raised to the reader, in the order it arrives
                places.release()
                arrived.put_nowait((stream, ended, error))
                return
            if value is ended:
                places.release()
                arrived.put_nowait((stream, value, None))
                return
            arrived.put_nowait((stream, value, None))
            await taken[stream].wait()
            taken[stream].clear()

    def open_more() -> None:
        while len(tasks) < 2 * width and (program := next(streams, None)) is not None:
            stream = open_stream(program)
            taken[stream] = asyncio.Event()
            tasks[stream] = asyncio.ensure_future(fetch(stream))

    holding = False
    try:
        open_more()
        while tasks:
            if holding:  # the reader asked for the next page: the one it held gives its place back
                places.release()
                holding = False
            stream, value, error = await arrived.get()
            if error is not None:
                raise error
            if value is ended:
                del tasks[stream], taken[stream]
                stream.close()
                open_more()
                continue
            holding = True
            taken[stream].set()
            yield value
    finally:
        for task in tasks.values():
            task.cancel()
        for stream, task in tasks.items():
            with contextlib.suppress(BaseException):
                await task
            stream.close()
