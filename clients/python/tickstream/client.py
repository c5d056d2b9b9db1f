"""The asyncio client of Tickstream's JSON message protocol (SPEC 14)."""

from __future__ import annotations

import asyncio
import inspect
import logging
import time
from typing import Any, Awaitable, Callable, Iterable, Sequence, TypeVar, Union

import websockets
from websockets.exceptions import ConnectionClosed, InvalidHandshake, InvalidURI

from . import requests
from .backoff import Backoff
from .delivery import ACCOUNT, DeliveryGuard, StreamBreak, trades_stream
from .errors import (AuthenticationError, ClientClosedError, ConnectionLostError, ConnectionRejectedError,
                     HandlerError, MalformedMessageError, ProtocolError, RetriesExhaustedError, ServerError,
                     TickstreamError, UnsupportedByServerError)
from .history import candle_history
from .messages import (AccountEvent, Alert, AlertCanceled, AlertCreated, AlertList, AuthResult, Book, Candle,
                       ErrorMessage, Gap, Message, Reconnect, State, StateDelta, SubscriptionReply, Tick,
                       StreamPosition, TokenExpiring, Trade, Welcome, parse_message)
from .states import StateBases
from .streams import Stream
from .subscriptions import BOOK, CANDLES, STATE, TICK, TRADES, Subscriptions, Topic

LOG = logging.getLogger("tickstream")

_CONNECT: Any = getattr(websockets, "connect")
"""``websockets.connect``, which websockets imports lazily: type checkers of 10.x do not see it, newer ones do."""

T = TypeVar("T")
TokenSupplier = Callable[[], Union[str, Awaitable[str]]]
Handler = Callable[[Any], Any]

RECONNECT_CODES = frozenset({1001, 1006, 1011, 1012, 1013})
"""Close codes after which the client comes back (as the Java SDK): going away, dropped, server error,
restart (drain), try again later. Every other code means "fix before reconnecting"."""


ACCOUNT_EVENTS = frozenset({"balance", "order", "trade", "position", "alert", "notification"})


class Alerts:
    """Price alerts evaluated by the gateway (SPEC 11), over the client's connection.

    Requests go one at a time (the protocol has no request ids) and wait for the connection when it is
    down. A gateway without alerts answers ``Unknown message type``: :class:`UnsupportedByServerError`.
    """

    def __init__(self, client: "Client") -> None:
        self._client = client

    async def create(self, symbol: str, field: str, condition: str, price: Any, *, once: bool | None = None,
                     cooldown_seconds: int | None = None, expires_at: int | None = None,
                     note: str | None = None, client_id: str | None = None) -> Alert:
        """Creates an alert; ``price`` as a ``Decimal`` or decimal text, sent exactly."""
        reply = await self._client._request(
            requests.alert_create(symbol, field, condition, price, once=once, cooldown_seconds=cooldown_seconds,
                                  expires_at=expires_at, note=note, client_id=client_id), AlertCreated)
        return reply.alert

    async def list(self) -> list[Alert]:
        reply = await self._client._request(requests.alert_list(), AlertList)
        return list(reply.alerts)

    async def cancel(self, alert_id: str) -> None:
        await self._client._request(requests.alert_cancel(alert_id), AlertCanceled)


class Client:
    """A connection to one Tickstream deployment that reconnects, resubscribes and resumes by itself.

    ``async with Client("ws://host:8080/", api_key="...") as client:`` connects and authenticates
    (raising what ends it before the first connection: :class:`AuthenticationError`,
    :class:`ConnectionRejectedError`, :class:`RetriesExhaustedError`), and closes on exit with 1000.
    Give ``urls=[...]`` for several nodes of one deployment (failover, round robin), and one of
    ``api_key``, ``token`` or ``token_supplier`` (a function, plain or async, asked for a token at each
    connect and when the server says the token expires).
    """

    def __init__(self, url: str | None = None, *, urls: Sequence[str] | None = None, api_key: str | None = None,
                 token: str | None = None, token_supplier: TokenSupplier | None = None, max_retries: int = 5,
                 backoff_base: float = 1.0, backoff_max: float = 30.0, ping_interval: float | None = 20.0,
                 ping_timeout: float | None = 10.0, connect_timeout: float = 10.0, request_timeout: float = 10.0,
                 compression: bool = True, queue_size: int = 4096, state_deltas: bool = True,
                 max_message_size: int = 16 * 1024 * 1024,
                 on_error: Callable[[TickstreamError], Any] | None = None,
                 on_break: Callable[[StreamBreak], Any] | None = None) -> None:
        nodes = list(urls or []) + ([url] if url else [])
        if not nodes:
            raise ValueError("give url or urls")
        if any(not node.startswith(("ws://", "wss://")) for node in nodes):
            raise ValueError("every url must start with ws:// or wss://")
        if sum(x is not None for x in (api_key, token, token_supplier)) != 1:
            raise ValueError("give exactly one of api_key, token, token_supplier")
        if max_retries < 0:
            raise ValueError("max_retries must not be negative")
        self._urls = nodes
        self._api_key = api_key
        self._token_supplier: TokenSupplier | None = token_supplier
        self._token: str | None = token
        self.max_retries = max_retries
        self._backoff = Backoff(backoff_base, backoff_max)
        self._ping_interval = ping_interval
        self._ping_timeout = ping_timeout
        self._connect_timeout = connect_timeout
        self._request_timeout = request_timeout
        self._compression = compression
        self._queue_size = queue_size
        self._max_message_size = max_message_size
        self._on_error = on_error
        self._on_break = on_break

        self._node = 0
        self._ws: Any = None
        self._task: asyncio.Task[None] | None = None
        self._ready: asyncio.Future[None] | None = None
        self._connected = asyncio.Event()
        self._closing = False
        self._fatal: TickstreamError | None = None
        self._attempts = 0
        self._send_lock = asyncio.Lock()
        self._request_lock = asyncio.Lock()
        self._pending: tuple[type, asyncio.Future[Any]] | None = None
        self._paused_until = 0.0
        self._retry_after = 0.0

        self._subscriptions = Subscriptions(state_deltas)
        self._routes: dict[tuple[str, str], list[Stream[Any]]] = {}
        self._account_streams: list[tuple[frozenset[str] | None, Stream[Any]]] = []
        self._stream_topics: dict[int, list[Topic]] = {}
        self._tasks: set[asyncio.Future[None]] = set()
        self._handler_results: list[tuple[str, Awaitable[Any]]] = []
        self._handlers: dict[str, list[Handler]] = {}
        self._guard = DeliveryGuard(self._broke)
        self._states = StateBases()
        self.alerts = Alerts(self)

    # ---- lifecycle ---------------------------------------------------------------------------

    async def __aenter__(self) -> "Client":
        await self.connect()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    async def connect(self) -> None:
        """Connects and authenticates; returns once authenticated, raises what ends the client before."""
        if self._task is None:
            self._ready = asyncio.get_running_loop().create_future()
            self._task = asyncio.create_task(self._run(), name="tickstream-client")
        assert self._ready is not None
        await asyncio.shield(self._ready)

    async def close(self) -> None:
        """Closes the connection (1000), ends every stream and fails what still waits. Idempotent."""
        if self._closing:
            return
        self._closing = True
        ws = self._ws
        if ws is not None:
            try:
                await asyncio.wait_for(ws.close(1000, "client closed"), self._connect_timeout)
            except (asyncio.TimeoutError, OSError, ConnectionClosed):
                pass
        if self._task is not None:
            self._task.cancel()
            try:
                await self._task
            except asyncio.CancelledError:
                pass
        self._end_all(None)
        if self._ready is not None and not self._ready.done():
            self._ready.set_exception(ClientClosedError("the client was closed before it connected"))
            self._ready.exception()

    @property
    def is_connected(self) -> bool:
        return self._connected.is_set()

    @property
    def connection_attempts(self) -> int:
        return self._attempts

    @property
    def current_url(self) -> str:
        """The node in use, or the one tried next."""
        return self._urls[self._node]

    @property
    def compression_active(self) -> bool:
        """Whether the current connection negotiated permessage-deflate."""
        ws = self._ws
        # websockets 10-13 keep the extensions on the connection, newer releases on its protocol
        extensions = getattr(ws, "extensions", None) or getattr(getattr(ws, "protocol", None), "extensions", [])
        return any(type(e).__name__ == "PerMessageDeflate" for e in extensions)

    @property
    def subscriptions(self) -> set[Topic]:
        return self._subscriptions.topics

    @property
    def duplicates_dropped(self) -> int:
        return self._guard.duplicates

    @property
    def state_resyncs(self) -> int:
        return self._states.resyncs

    # ---- streams and handlers ----------------------------------------------------------------

    def stream_ticks(self, symbols: Iterable[str] | str, *, max_rate: float | None = None) -> Stream[Tick]:
        """Ticks of ``symbols`` (conflated per symbol for a slow reader)."""
        return self._market_stream(TICK, symbols, lambda m: m.symbol, max_rate=max_rate)

    def stream_book(self, symbol: str, *, depth: int = 5, max_rate: float | None = None) -> Stream[Book]:
        return self._market_stream(BOOK, [symbol], lambda m: m.symbol, depth=depth, max_rate=max_rate)

    def stream_trades(self, symbols: Iterable[str] | str) -> Stream[Trade]:
        """Public trades, resumed across reconnects with nothing lost or doubled; never conflated."""
        return self._market_stream(TRADES, symbols, None)

    def stream_state(self, symbols: Iterable[str] | str, *, max_rate: float | None = None) -> Stream[State]:
        """Full IME states; with ``state_deltas`` (default) the server sends deltas that the client applies."""
        return self._market_stream(STATE, symbols, lambda m: m.symbol, max_rate=max_rate)

    def stream_candles(self, symbols: Iterable[str] | str, interval: str = "1m") -> Stream[Candle]:
        """Live bars of ``interval``; a gateway without candles ends it with :class:`UnsupportedByServerError`."""
        return self._market_stream(CANDLES, symbols, lambda m: (m.symbol, m.start), interval=interval)

    def stream_account(self, events: Iterable[str] | None = None) -> Stream[AccountEvent]:
        """The account's private events (``balance``, ``order``, ``trade`` (fills), ``position``, ``alert``,
        ``notification``), or only the kinds in ``events``; resumed across reconnects, never conflated."""
        kinds = None if events is None else frozenset(events)
        stream: Stream[AccountEvent] = Stream("account", self._queue_size, None, self._stream_closed)
        self._check_open(stream)
        self._account_streams.append((kinds, stream))
        return stream

    def add_handler(self, channel: str, handler: Handler) -> None:
        """Calls ``handler(message)`` for every message of ``channel`` as it arrives, in arrival order:
        ``tick``, ``book``, ``trades``, ``state``, ``candles``, ``account`` (every private event) or an
        account event kind (``balance``, ``order``, ``trade``, ...), ``break`` (:class:`StreamBreak`)
        or ``all``. A handler may be a coroutine function (awaited before the next message). A handler
        that raises is reported to ``on_error`` as a :class:`HandlerError`; the others still run."""
        self._handlers.setdefault(channel, []).append(handler)

    def remove_handler(self, channel: str, handler: Handler) -> None:
        handlers = self._handlers.get(channel, [])
        if handler in handlers:
            handlers.remove(handler)

    async def subscribe(self, channel: str, symbols: Iterable[str] | str, *, depth: int | None = None,
                        interval: str | None = None, max_rate: float | None = None) -> None:
        """Subscribes without a stream (for handlers); returns once the server confirmed every symbol.

        :raises ServerError: a symbol was refused (it is dropped); :class:`UnsupportedByServerError`
            for a channel the gateway does not have
        """
        waiter = self._subscriptions.wait(self._subscriptions.want(channel, _symbols(symbols), depth, interval,
                                                                   max_rate))
        await self._sync()
        await asyncio.wait_for(waiter, self._request_timeout)

    async def unsubscribe(self, channel: str, symbols: Iterable[str] | str, *, interval: str = "") -> None:
        """Stops wanting what :meth:`subscribe` asked for."""
        self._subscriptions.unwant(Topic(channel, symbol, interval if channel == CANDLES else "")
                                   for symbol in _symbols(symbols))
        await self._sync()

    async def candle_history(self, symbol: str, interval: str = "1m", *, limit: int | None = 500,
                             end: int | None = None) -> list[Candle]:
        """Closed and open bars, oldest first, over HTTP from the current node (SPEC 12)."""
        return await candle_history(self.current_url, await self._credential(), symbol, interval, limit, end,
                                    self._request_timeout)

    # ---- streams: bookkeeping ----------------------------------------------------------------

    def _market_stream(self, channel: str, symbols: Iterable[str] | str, conflate: Callable[[Any], Any] | None,
                       depth: int | None = None, interval: str | None = None,
                       max_rate: float | None = None) -> Stream[Any]:
        names = _symbols(symbols)
        if not names:
            raise ValueError("name at least one symbol")
        stream: Stream[Any] = Stream(f"{channel} {','.join(names)}", self._queue_size, conflate, self._stream_closed)
        self._check_open(stream)
        for name in names:
            self._routes.setdefault((channel, name.casefold()), []).append(stream)
        self._stream_topics[id(stream)] = self._subscriptions.want(channel, names, depth, interval, max_rate)
        if self._connected.is_set():
            self._spawn(self._sync())
        return stream

    def _check_open(self, stream: Stream[Any]) -> None:
        if self._closing:
            stream.end(ClientClosedError("the client is closed"))
        elif self._fatal is not None:
            stream.end(self._fatal)

    def _stream_closed(self, stream: Stream[Any]) -> None:
        topics = self._stream_topics.pop(id(stream), None)
        self._account_streams = [(k, s) for k, s in self._account_streams if s is not stream]
        if topics is None:
            return
        for topic in topics:
            route = self._routes.get((topic.channel, topic.symbol.casefold()), [])
            if stream in route:
                route.remove(stream)
        self._subscriptions.unwant(topics)
        if self._connected.is_set() and not self._closing:
            self._spawn(self._sync())

    def _spawn(self, work: Awaitable[None]) -> None:
        task = asyncio.ensure_future(work)
        self._tasks.add(task)
        task.add_done_callback(self._task_done)

    def _task_done(self, task: "asyncio.Future[None]") -> None:
        self._tasks.discard(task)
        if not task.cancelled() and task.exception() is not None:
            error = task.exception()
            if not isinstance(error, (ConnectionClosed, OSError)):
                self._report(TickstreamError(f"a background send failed: {error!r}"))

    def _end_all(self, error: BaseException | None) -> None:
        for route in list(self._routes.values()):
            for stream in list(route):
                stream.end(error)
        for _, stream in list(self._account_streams):
            stream.end(error)
        for task in list(self._tasks):
            task.cancel()
        failure = error or ClientClosedError("the client was closed")
        self._subscriptions.fail_all(failure)
        if self._pending is not None and not self._pending[1].done():
            self._pending[1].set_exception(failure)
        self._connected.clear()

    # ---- the connection ----------------------------------------------------------------------

    async def _run(self) -> None:
        failures = 0
        last: TickstreamError | None = None
        while not self._closing:
            url = self._urls[self._node]
            self._attempts += 1
            try:
                await self._connection(url)
                # returned: the server closed with a code that says come back
                raise ConnectionLostError("the server closed the connection")
            except asyncio.CancelledError:
                raise
            except (AuthenticationError, ConnectionRejectedError) as fatal:
                self._give_up(fatal)
                return
            except ConnectionLostError as lost:
                last = lost
            except ProtocolError as broken:
                last = broken
            except (OSError, asyncio.TimeoutError, InvalidHandshake, InvalidURI, ConnectionClosed) as e:
                last = ConnectionLostError(f"connection to {url} failed: {e!r}")
                last.__cause__ = e
            except Exception as e:  # a bug here must end the client loudly, never leave connect() waiting
                unexpected = TickstreamError(f"the client failed: {e!r}")
                unexpected.__cause__ = e
                self._give_up(unexpected)
                return
            finally:
                self._ws = None
                if self._connected.is_set():
                    failures = 0
                self._connected.clear()
                self._subscriptions.disconnected()
                self._fail_pending(ConnectionLostError("the connection was lost before the server answered"))
            if self._closing:
                return
            self._report(last)
            failures += 1
            if failures > self.max_retries:
                error = RetriesExhaustedError(f"gave up after {failures} failed attempt(s) in a row: {last}")
                error.__cause__ = last
                self._give_up(error)
                return
            retry_after = self._retry_after
            self._retry_after = 0.0
            nodes = len(self._urls)
            self._node = (self._node + 1) % nodes
            if nodes == 1:
                delay = max(self._backoff.delay(failures), retry_after)
            else:
                delay = self._backoff.delay(failures // nodes) if failures % nodes == 0 else 0.0
            LOG.info("reconnecting to %s in %.2f s (%s)", self.current_url, delay, last)
            await asyncio.sleep(delay)

    def _give_up(self, error: TickstreamError) -> None:
        self._fatal = error
        self._report(error)
        if self._ready is not None and not self._ready.done():
            self._ready.set_exception(error)
        self._end_all(error)

    async def _connection(self, url: str) -> None:
        connect = _CONNECT(
            url, compression="deflate" if self._compression else None, open_timeout=self._connect_timeout,
            ping_interval=self._ping_interval, ping_timeout=self._ping_timeout, max_size=self._max_message_size,
            close_timeout=min(self._connect_timeout, self._ping_timeout or self._connect_timeout))
        async with connect as ws:
            self._ws = ws
            try:
                await self._handshake(ws)
                async for frame in ws:
                    if isinstance(frame, bytes):
                        self._report(MalformedMessageError(f"skipped a binary frame of {len(frame)} bytes"))
                        continue
                    self._receive(frame)
                    if self._handler_results:
                        await self._await_handlers()
            except ConnectionClosed as closed:
                self._closed(closed)
                return
            self._closed(None, ws)

    def _closed(self, closed: ConnectionClosed | None, ws: Any = None) -> None:
        """Raises what a close means: come back (lost) or stop (rejected)."""
        if self._closing:
            return
        received = closed.rcvd if closed is not None else None
        if received is None and ws is not None:
            code, reason = ws.close_code or 1006, ws.close_reason or ""
        else:
            code, reason = (received.code, received.reason) if received is not None else (1006, "")
        if code in RECONNECT_CODES or (code == 1008 and reason == "token expired" and self._token_supplier is not None):
            raise ConnectionLostError(f"the server closed the connection with {code} {reason!r}", code,
                                      self._retry_after)
        raise ConnectionRejectedError(code, reason)

    async def _handshake(self, ws: Any) -> None:
        try:
            first = await asyncio.wait_for(ws.recv(), self._connect_timeout)
        except asyncio.TimeoutError:
            raise ProtocolError(f"no welcome from the server within {self._connect_timeout} s") from None
        try:
            welcome = parse_message(first)
        except MalformedMessageError as e:
            raise ProtocolError(f"the server's first message is not a welcome: {e}") from None
        if not isinstance(welcome, Welcome):
            raise ProtocolError(f"the server's first message is not a welcome: {first!r:.120}")
        since = self._guard.resume_point(ACCOUNT)
        await ws.send(requests.auth(self._api_key, None if self._api_key else await self._credential(), since))
        deadline = time.monotonic() + self._connect_timeout
        while True:
            left = deadline - time.monotonic()
            try:
                text = await asyncio.wait_for(ws.recv(), max(0.0, left))
            except asyncio.TimeoutError:
                raise ProtocolError(f"no answer to auth within {self._connect_timeout} s") from None
            try:
                reply = parse_message(text)
            except MalformedMessageError as e:
                raise ProtocolError(f"the server's answer to auth is malformed: {e}") from None
            if isinstance(reply, AuthResult):
                break
            if isinstance(reply, ErrorMessage):
                raise AuthenticationError(f"authentication failed: {reply.message}")
        if not reply.success:
            raise AuthenticationError(f"authentication failed: {reply.message}")
        self._states.forget_all()
        self._subscriptions.disconnected()
        self._guard.authenticated(reply)
        self._connected.set()
        if self._ready is not None and not self._ready.done():
            self._ready.set_result(None)
        await self._sync()

    async def _credential(self) -> str:
        if self._api_key is not None:
            return self._api_key
        if self._token_supplier is None:
            assert self._token is not None
            return self._token
        try:
            token = self._token_supplier()
            if inspect.isawaitable(token):
                token = await token
        except Exception as e:
            failed = ConnectionLostError(f"the token supplier failed: {e!r}")
            failed.__cause__ = e
            raise failed from e
        if not isinstance(token, str):
            raise TickstreamError("the token supplier returned no token")
        self._token = token
        return token

    async def _send(self, text: str) -> None:
        ws = self._ws
        if ws is None:
            return
        pause = self._paused_until - time.monotonic()
        if pause > 0:
            await asyncio.sleep(pause)
        await ws.send(text)

    async def _sync(self) -> None:
        """Sends what brings the server's subscriptions in line with the wanted ones, batched per channel."""
        async with self._send_lock:
            while self._connected.is_set():
                request = self._subscriptions.next_request(self._trades_resume_point)
                if request is None:
                    return
                await self._send(request)

    def _trades_resume_point(self, symbol: str) -> StreamPosition | None:
        return self._guard.resume_point(trades_stream(symbol))

    # ---- receiving ---------------------------------------------------------------------------

    def _receive(self, text: str) -> None:
        try:
            message = parse_message(text)
        except MalformedMessageError as e:
            self._report(MalformedMessageError(f"skipped a malformed message from the server: {e}"))
            return
        if isinstance(message, Tick):
            self._market(TICK, message)
        elif isinstance(message, Trade):
            if self._guard.admit(message):
                self._market(TRADES, message)
        elif isinstance(message, StateDelta):
            state = self._states.apply(message)
            if state is not None:
                self._market(STATE, state)
            elif self._states.resyncs and message.symbol:
                self._resubscribe(STATE, message.symbol)
        elif isinstance(message, State):
            self._states.base(message)
            self._market(STATE, message)
        elif isinstance(message, Book):
            self._market(BOOK, message)
        elif isinstance(message, Candle):
            self._market(CANDLES, message)
        elif isinstance(message, AccountEvent):
            if self._guard.admit(message):
                self._account(message)
        else:
            self._control(message)

    def _market(self, channel: str, message: Tick | Book | Trade | State | Candle) -> None:
        for stream in self._routes.get((channel, message.symbol.casefold()), ()):
            stream.put(message)
        self._dispatch(channel, message)

    def _account(self, event: AccountEvent) -> None:
        for kinds, stream in self._account_streams:
            if kinds is None or event.event in kinds:
                stream.put(event)
        self._dispatch(ACCOUNT, event)
        self._dispatch(event.event, event)

    def _dispatch(self, channel: str, message: Any) -> None:
        for name in (channel, "all") if channel not in ACCOUNT_EVENTS else (channel,):
            for handler in list(self._handlers.get(name, ())):
                try:
                    result = handler(message)
                    if inspect.isawaitable(result):
                        self._handler_results.append((name, result))
                except Exception as e:  # a handler's error is reported, never lost, never fatal
                    self._handler_failed(name, e)

    async def _await_handlers(self) -> None:
        """Awaits the coroutine handlers of the last message, in order, before the next message is read."""
        results, self._handler_results = self._handler_results, []
        for name, result in results:
            try:
                await result
            except Exception as e:
                self._handler_failed(name, e)

    def _handler_failed(self, name: str, e: Exception) -> None:
        error = HandlerError(f"a {name} handler raised {e!r}")
        error.__cause__ = e
        self._report(error)

    def _control(self, message: Message) -> None:
        if isinstance(message, SubscriptionReply):
            self._guard.subscribed(message)
            for symbol in self._subscriptions.replied(message):
                self._states.forget(symbol)
        elif isinstance(message, Gap):
            self._guard.gap(message)
        elif isinstance(message, Reconnect):
            self._retry_after = message.retry_after_ms / 1000
        elif isinstance(message, TokenExpiring):
            if self._token_supplier is not None:
                self._spawn(self._refresh())
        elif isinstance(message, ErrorMessage):
            self._error(message)
        elif isinstance(message, AuthResult):
            if not message.success:
                self._report(AuthenticationError(f"a token refresh was refused: {message.message}"))
        elif isinstance(message, (AlertCreated, AlertList, AlertCanceled)):
            self._answer(message)

    async def _refresh(self) -> None:
        token = await self._credential()
        await self._send(requests.auth(None, token, None))

    def _resubscribe(self, channel: str, symbol: str) -> None:
        self._subscriptions.resubscribe(channel, symbol)
        self._spawn(self._sync())

    def _error(self, message: ErrorMessage) -> None:
        text = message.message
        if message.code == "rate_limited" and message.retry_after_ms >= 0:
            self._paused_until = time.monotonic() + message.retry_after_ms / 1000
            self._subscriptions.rate_limited()
            self._spawn(self._sync())
            return
        if text.startswith("Unknown message type:") and self._pending is not None:
            self._answer_error(UnsupportedByServerError(f"this gateway does not support it: {text}"))
            return
        if message.code in ("invalid_alert", "alert_limit") and self._pending is not None:
            self._answer_error(ServerError(text, message.code))
            return
        if text.startswith("Unknown channel: "):
            channel = text[len("Unknown channel: "):].split(" ", 1)[0]
            self._reject(lambda topic, status: topic.channel == channel,
                         UnsupportedByServerError(f"this gateway has no {channel} channel: {text}"))
            return
        rejected = _rejected_symbol(message)
        if rejected is not None:
            name = rejected.casefold()
            self._reject(lambda topic, status: topic.symbol.casefold() == name and status == "requested",
                         ServerError(text, message.code))
            return
        self._report(ServerError(text, message.code))

    def _reject(self, matches: Callable[[Topic, str | None], bool], error: ServerError) -> None:
        """The server refused topics: they are no longer wanted; their streams and waiters end with ``error``."""
        for topic in self._subscriptions.reject(matches, error):
            for stream in self._routes.get((topic.channel, topic.symbol.casefold()), []):
                stream.end(error)
        self._report(error)

    # ---- requests (alerts) -------------------------------------------------------------------

    async def _request(self, text: str, answer: type[T]) -> T:
        async with self._request_lock:
            if self._fatal is not None:
                raise self._fatal
            if self._closing:
                raise ClientClosedError("the client is closed")
            await asyncio.wait_for(self._connected.wait(), self._request_timeout)
            future: asyncio.Future[Any] = asyncio.get_running_loop().create_future()
            self._pending = (answer, future)
            try:
                await self._send(text)
                result: T = await asyncio.wait_for(future, self._request_timeout)
                return result
            finally:
                self._pending = None

    def _answer(self, message: Any) -> None:
        if self._pending is not None and isinstance(message, self._pending[0]) and not self._pending[1].done():
            self._pending[1].set_result(message)

    def _answer_error(self, error: TickstreamError) -> None:
        if self._pending is not None and not self._pending[1].done():
            self._pending[1].set_exception(error)

    def _fail_pending(self, error: TickstreamError) -> None:
        self._answer_error(error)

    # ---- reporting ---------------------------------------------------------------------------

    def _broke(self, notice: StreamBreak) -> None:
        if notice.stream == ACCOUNT:
            for _, stream in self._account_streams:
                stream.put_break(notice)
        elif notice.symbol is not None:
            for stream in self._routes.get((TRADES, notice.symbol.casefold()), ()):
                stream.put_break(notice)
        LOG.warning("messages of %s were lost for good (%s): reconcile", notice.stream, notice.cause)
        if self._on_break is not None:
            self._on_break(notice)
        for handler in list(self._handlers.get("break", ())):
            handler(notice)

    def _report(self, error: TickstreamError) -> None:
        LOG.debug("%s", error)
        if self._on_error is not None:
            try:
                self._on_error(error)
            except Exception:
                LOG.exception("the on_error callback raised")


def _symbols(symbols: Iterable[str] | str) -> list[str]:
    return [symbols] if isinstance(symbols, str) else list(dict.fromkeys(symbols))


def _rejected_symbol(message: ErrorMessage) -> str | None:
    """The symbol a server error refused (README, "The JSON message protocol"), or None."""
    text = message.message
    if text.startswith("Unknown symbol: "):
        return text[len("Unknown symbol: "):]
    if message.code == "subscription_limit" and text.endswith(" not subscribed") and "reached: " in text:
        return text[text.rindex("reached: ") + len("reached: "):-len(" not subscribed")]
    return None
