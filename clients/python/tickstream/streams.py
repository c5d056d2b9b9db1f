"""The async iterators the client hands out, each with a bounded queue of its own.

The receiving task puts each message into every stream that wants it without ever waiting, so one
slow reader never stalls the connection, its heartbeat or the other streams. What a stream does when
its reader falls behind depends on what it carries:

- **Snapshots** (ticks, books, states, live candles) are *conflated*: the queue keeps only the newest
  message per symbol (per bar for candles, so a closed bar is never replaced), in the order the
  symbols first arrived; the older ones are counted in :attr:`Stream.conflated`.
- **Trades and account events** are never dropped silently: up to ``queue_size`` wait for the reader;
  past that the stream stops taking messages, hands out what it holds and then raises
  :class:`~tickstream.errors.StreamOverflowError` (with the count of messages not kept), and ends.
"""

from __future__ import annotations

import asyncio
from collections import OrderedDict, deque
from typing import Any, AsyncIterator, Callable, Generic, Hashable, TypeVar

from .delivery import StreamBreak
from .errors import StreamOverflowError

T = TypeVar("T")

_END = object()


class Stream(Generic[T]):
    """An async iterator of one kind of message that survives reconnects.

    Use it with ``async for``; ``async with`` (or :meth:`aclose`) ends it and unsubscribes what only
    it wanted. A stream of trades or account events also carries :class:`StreamBreak` notices at the
    point of a loss: they are not yielded, but recorded in :attr:`breaks` and passed to the callbacks
    given to :meth:`on_break`, when the reader reaches them.
    """

    def __init__(self, name: str, queue_size: int, conflate: Callable[[T], Hashable] | None,
                 on_close: Callable[["Stream[T]"], None]) -> None:
        if queue_size < 1:
            raise ValueError("queue_size must be at least 1")
        self.name = name
        self._queue_size = queue_size
        self._conflate = conflate
        self._latest: OrderedDict[Hashable, T] = OrderedDict()
        self._queue: deque[T | StreamBreak] = deque()
        self._waiter: asyncio.Future[None] | None = None
        self._on_close = on_close
        self._error: BaseException | None = None
        self._ended = False
        self._break_handlers: list[Callable[[StreamBreak], Any]] = []
        self.breaks: list[StreamBreak] = []
        """The breaks this stream's reader has passed, in order."""
        self.conflated = 0
        """Snapshots replaced by a newer one of the same symbol before the reader took them."""
        self.dropped = 0
        """Trades or account events not kept after an overflow (the stream then raises and ends)."""

    # ---- the client's side -------------------------------------------------------------------

    def put(self, message: T) -> None:
        if self._ended:
            if self._error is not None and isinstance(self._error, StreamOverflowError):
                self.dropped += 1
                self._error.dropped = self.dropped
            return
        if self._conflate is not None:
            key = self._conflate(message)
            if key in self._latest:
                self.conflated += 1
            elif len(self._latest) >= self._queue_size:
                self._overflow()
                return
            self._latest[key] = message
        elif len(self._queue) >= self._queue_size:
            self._overflow()
            return
        else:
            self._queue.append(message)
        self._wake()

    def put_break(self, notice: StreamBreak) -> None:
        if not self._ended:
            self._queue.append(notice)
            self._wake()

    def end(self, error: BaseException | None = None) -> None:
        """No more messages: the reader gets what is queued, then ``error`` (or the end of iteration)."""
        if not self._ended:
            self._ended = True
            self._error = error
            self._wake()

    def _overflow(self) -> None:
        self.dropped = 1
        self.end(StreamOverflowError(self.name, 1))

    def _wake(self) -> None:
        waiter = self._waiter
        if waiter is not None and not waiter.done():
            waiter.set_result(None)

    # ---- the reader's side -------------------------------------------------------------------

    def on_break(self, handler: Callable[[StreamBreak], Any]) -> "Stream[T]":
        """Calls ``handler`` with each break when the reader reaches it (between two messages)."""
        self._break_handlers.append(handler)
        return self

    def __aiter__(self) -> AsyncIterator[T]:
        return self

    async def __anext__(self) -> T:
        while True:
            if self._queue:
                item = self._queue.popleft()
                if isinstance(item, StreamBreak):
                    self.breaks.append(item)
                    for handler in self._break_handlers:
                        handler(item)
                    continue
                return item
            if self._latest:
                return self._latest.popitem(last=False)[1]
            if self._ended:
                self._on_close(self)
                if self._error is not None:
                    raise self._error
                raise StopAsyncIteration
            self._waiter = asyncio.get_running_loop().create_future()
            try:
                await self._waiter
            finally:
                self._waiter = None

    async def get(self, timeout: float | None = None) -> T:
        """The next message, waiting at most ``timeout`` seconds (``TimeoutError``)."""
        return await asyncio.wait_for(self.__anext__(), timeout)

    async def aclose(self) -> None:
        """Ends the stream and unsubscribes the topics no other stream wants."""
        self._queue.clear()
        self._latest.clear()
        self.end()
        self._on_close(self)

    async def __aenter__(self) -> "Stream[T]":
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.aclose()
