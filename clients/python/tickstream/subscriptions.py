"""Keeps the server's subscriptions in line with the ones the client's streams and callers want."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from typing import Callable, Iterable

from . import requests
from .messages import StreamPosition, SubscriptionReply

TICK, BOOK, TRADES, STATE, CANDLES = "tick", "book", "trades", "state", "candles"
BATCH = 100
"""Symbols per subscribe or unsubscribe message."""

REQUESTED, CONFIRMED, UNSUBSCRIBING = "requested", "confirmed", "unsubscribing"


@dataclass(frozen=True, slots=True)
class Topic:
    """One subscription on the server: a channel and a symbol (and a candle interval)."""

    channel: str
    symbol: str
    interval: str = ""


@dataclass(slots=True)
class _Wanted:
    count: int
    depth: int | None
    interval: str | None
    max_rate: float | None


class Subscriptions:
    """The wanted topics (counted: several streams may want one), what was sent for each on the current
    connection, and the callers waiting for confirmations. The next request is computed from both when
    the connection can send (:meth:`next_request`), batched per channel, so a reconnect resubscribes
    everything in a few messages and a rate-limit pause loses nothing. Used on the event loop only."""

    def __init__(self, state_deltas: bool) -> None:
        self._state_deltas = state_deltas
        self._wanted: dict[Topic, _Wanted] = {}
        self._sent: dict[Topic, str] = {}
        self._waiters: list[tuple[set[Topic], asyncio.Future[None]]] = []

    @property
    def topics(self) -> set[Topic]:
        return set(self._wanted)

    def want(self, channel: str, symbols: Iterable[str], depth: int | None, interval: str | None,
             max_rate: float | None) -> list[Topic]:
        topics = []
        for symbol in symbols:
            topic = Topic(channel, symbol, (interval or "") if channel == CANDLES else "")
            wanted = self._wanted.get(topic)
            if wanted is None:
                self._wanted[topic] = _Wanted(1, depth, interval, max_rate)
            else:
                wanted.count += 1
                if depth is not None and depth != wanted.depth:
                    wanted.depth = depth
                    self._sent.pop(topic, None)  # subscribing a book again changes its depth
            topics.append(topic)
        return topics

    def unwant(self, topics: Iterable[Topic]) -> None:
        for topic in topics:
            wanted = self._wanted.get(topic)
            if wanted is not None:
                wanted.count -= 1
                if wanted.count <= 0:
                    del self._wanted[topic]

    def wait(self, topics: Iterable[Topic]) -> asyncio.Future[None]:
        """A future done once the server confirmed every topic (failed when one is refused)."""
        waiter = asyncio.get_running_loop().create_future()
        self._waiters.append((set(topics), waiter))
        self._confirm_known()
        return waiter

    def next_request(self, resume_point: Callable[[str], StreamPosition | None]) -> str | None:
        """The next subscribe or unsubscribe message, or None when the server is in line. A trades
        subscribe resumes (``since``) each symbol whose ``resume_point`` is known."""
        batch: list[Topic] = []
        first: _Wanted | None = None
        for topic, wanted in self._wanted.items():
            if self._sent.get(topic, UNSUBSCRIBING) != UNSUBSCRIBING:
                continue
            if first is None:
                first = wanted
            elif (topic.channel, topic.interval, wanted.depth, wanted.max_rate) != \
                    (batch[0].channel, batch[0].interval, first.depth, first.max_rate):
                continue
            batch.append(topic)
            if len(batch) == BATCH:
                break
        if batch and first is not None:
            for topic in batch:
                self._sent[topic] = REQUESTED
            channel = batch[0].channel
            symbols = [topic.symbol for topic in batch]
            since = {}
            if channel == TRADES:
                for symbol in symbols:
                    point = resume_point(symbol)
                    if point is not None:
                        since[symbol] = point
            return requests.subscribe(channel, symbols, depth=first.depth if channel == BOOK else None,
                                      interval=first.interval if channel == CANDLES else None,
                                      delta=channel == STATE and self._state_deltas, max_rate=first.max_rate,
                                      since=since)
        stale = [t for t, status in self._sent.items() if t not in self._wanted and status != UNSUBSCRIBING]
        if not stale:
            return None
        leaving = [t for t in stale if t.channel == stale[0].channel][:BATCH]
        for topic in leaving:
            self._sent[topic] = UNSUBSCRIBING
        return requests.unsubscribe(stale[0].channel, [t.symbol for t in leaving])

    def replied(self, reply: SubscriptionReply) -> list[str]:
        """The server answered ``subscribed`` or ``unsubscribed``; returns the states unsubscribed."""
        channel = reply.channel or TICK
        gone = []
        for symbol in reply.symbols:
            for topic in self._matching(channel, symbol):
                status = self._sent[topic]
                if reply.type == "subscribed" and status == REQUESTED:
                    self._sent[topic] = CONFIRMED
                elif reply.type == "unsubscribed" and status == UNSUBSCRIBING:
                    del self._sent[topic]
                    gone.append(symbol)
        self._confirm_known()
        return gone if channel == STATE else []

    def resubscribe(self, channel: str, symbol: str) -> None:
        """Sends a confirmed subscription again (the server answers it with the current state first)."""
        for topic in self._matching(channel, symbol):
            if self._sent[topic] == CONFIRMED:
                del self._sent[topic]

    def rate_limited(self) -> None:
        """The server may have refused the requests in flight: they are sent again after the pause."""
        for topic, status in list(self._sent.items()):
            if status == REQUESTED:
                del self._sent[topic]
            elif status == UNSUBSCRIBING:
                self._sent[topic] = CONFIRMED

    def reject(self, matches: Callable[[Topic, str | None], bool], error: BaseException) -> list[Topic]:
        """The server refused topics (``matches(topic, status)``): no longer wanted; their waiters fail."""
        dropped = [t for t in self._wanted if matches(t, self._sent.get(t))]
        for topic in dropped:
            del self._wanted[topic]
            self._sent.pop(topic, None)
        for topics, waiter in list(self._waiters):
            if topics & set(dropped):
                self._waiters.remove((topics, waiter))
                if not waiter.done():
                    waiter.set_exception(error)
        return dropped

    def disconnected(self) -> None:
        """The connection is gone, and with it every subscription on the server."""
        self._sent.clear()

    def fail_all(self, error: BaseException) -> None:
        for _, waiter in self._waiters:
            if not waiter.done():
                waiter.set_exception(error)
                waiter.exception()
        self._waiters.clear()

    def _matching(self, channel: str, symbol: str) -> list[Topic]:
        """Our topics for a symbol the server named: symbols match exactly, else ignoring case."""
        name = symbol.casefold()
        return [t for t in self._sent if t.channel == channel and t.symbol.casefold() == name]

    def _confirm_known(self) -> None:
        for topics, waiter in list(self._waiters):
            if all(self._sent.get(t) == CONFIRMED for t in topics):
                self._waiters.remove((topics, waiter))
                if not waiter.done():
                    waiter.set_result(None)
