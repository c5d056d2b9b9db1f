"""Typed messages of the JSON protocol and the parser that makes them from a frame's text.

Numbers that carry prices and amounts are :class:`decimal.Decimal`, read from the number's own text:
the frame is decoded with ``json.loads(text, parse_float=Decimal)``, so ``1.08500`` stays
``Decimal("1.08500")`` (its scale kept) and a 13-digit Rial price stays exact; integers come out as
``int`` and are turned into ``Decimal`` where the field is an amount. No value ever passes through a
binary float.
"""

from __future__ import annotations

import json
import dataclasses
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Callable, Mapping, Union

from .errors import MalformedMessageError

NO_SEQ = -1
"""``seq`` of a message the server sent without one (published by a program other than Tickstream's)."""

JsonObject = dict[str, Any]


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON number")


_DECODER = json.JSONDecoder(parse_float=Decimal, parse_constant=_reject_constant)
"""One decoder for every frame: ``json.loads`` with these options would build a new one per call."""


def decode(text: str | bytes) -> JsonObject:
    """Decodes one frame: a JSON object, floats as ``Decimal``; raises :class:`MalformedMessageError`."""
    try:
        value = _DECODER.decode(text if isinstance(text, str) else text.decode("utf-8"))
    except (ValueError, UnicodeDecodeError) as e:
        raise MalformedMessageError(f"not valid JSON ({e}): {_abbreviate(text)}") from None
    if not isinstance(value, dict):
        raise MalformedMessageError(f"not a JSON object: {_abbreviate(text)}")
    return value


def _abbreviate(text: str | bytes, limit: int = 120) -> str:
    shown = text if isinstance(text, str) else text.decode("utf-8", "replace")
    return repr(shown if len(shown) <= limit else shown[:limit] + "...")


@dataclass(frozen=True, slots=True)
class StreamPosition:
    """Where a trade or account stream stands: its epoch and the seq of its last message."""

    epoch: str
    seq: int


# ---- market data ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Tick:
    """``{"type":"tick"}``: the best bid and ask of a symbol."""

    symbol: str
    bid: Decimal
    ask: Decimal
    time: int
    seq: int = NO_SEQ


@dataclass(frozen=True, slots=True)
class PriceLevel:
    price: Decimal
    quantity: Decimal


@dataclass(frozen=True, slots=True)
class Book:
    """``{"type":"book"}``: the top levels of a symbol's order book, best first."""

    symbol: str
    bids: tuple[PriceLevel, ...]
    asks: tuple[PriceLevel, ...]
    time: int
    seq: int = NO_SEQ


@dataclass(frozen=True, slots=True)
class Trade:
    """``{"type":"trade"}``: a public trade print of a symbol (not one of the account's fills)."""

    symbol: str
    price: Decimal
    quantity: Decimal
    side: str
    time: int
    trade_id: str | None = None
    seq: int = NO_SEQ


@dataclass(frozen=True, slots=True)
class State:
    """``{"type":"state"}``: an instrument's full IME state (``data``, nested as on the wire).

    The client applies the server's deltas itself and hands out full states only.
    """

    symbol: str
    data: Mapping[str, Any]
    time: int
    seq: int = NO_SEQ

    def get(self, path: str) -> Any:
        """The value at a dotted path, e.g. ``state.get("Aggregate.last_price")``; None when absent."""
        node: Any = self.data
        for part in path.split("."):
            if not isinstance(node, Mapping) or part not in node:
                return None
            node = node[part]
        return node

    def decimal(self, path: str) -> Decimal | None:
        """The number at a dotted path as a ``Decimal``; None when absent."""
        return _optional_decimal(self.get(path), path)


@dataclass(frozen=True, slots=True)
class StateDelta:
    """The fields of a state that changed (README, "State deltas"); merged by the client, never handed out."""

    symbol: str
    delta: Mapping[str, Any]
    time: int
    seq: int = NO_SEQ


@dataclass(frozen=True, slots=True)
class Candle:
    """An OHLCV bar (SPEC 12), live (``{"type":"candle"}``) or from the history."""

    symbol: str
    interval: str
    start: int
    open: Decimal
    high: Decimal
    low: Decimal
    close: Decimal
    volume: Decimal
    trades: int
    closed: bool
    time: int = 0


# ---- account events ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class AccountEvent:
    """A private event of the account; the typed kinds below derive from it. ``data`` is the raw payload."""

    event: str
    data: Mapping[str, Any]
    time: int
    seq: int


@dataclass(frozen=True, slots=True)
class Balance(AccountEvent):
    currency: str | None = None
    balance: Decimal | None = None
    available: Decimal | None = None
    equity: Decimal | None = None


@dataclass(frozen=True, slots=True)
class Order(AccountEvent):
    order_id: str | None = None
    symbol: str | None = None
    side: str | None = None
    order_type: str | None = None
    price: Decimal | None = None
    quantity: Decimal | None = None
    status: str | None = None


@dataclass(frozen=True, slots=True)
class Fill(AccountEvent):
    """An account ``trade`` event: a fill of one of the account's orders."""

    trade_id: str | None = None
    order_id: str | None = None
    symbol: str | None = None
    side: str | None = None
    price: Decimal | None = None
    quantity: Decimal | None = None
    fee: Decimal | None = None


@dataclass(frozen=True, slots=True)
class Position(AccountEvent):
    symbol: str | None = None
    quantity: Decimal | None = None
    average_price: Decimal | None = None
    unrealized_pnl: Decimal | None = None


@dataclass(frozen=True, slots=True)
class AlertTriggered(AccountEvent):
    """An account ``alert`` event: one of the account's price alerts fired (SPEC 11)."""

    alert_id: str | None = None
    client_id: str | None = None
    symbol: str | None = None
    field: str | None = None
    condition: str | None = None
    price: Decimal | None = None
    value: Decimal | None = None
    triggered_at: int | None = None
    note: str | None = None


@dataclass(frozen=True, slots=True)
class Notification(AccountEvent):
    level: str | None = None
    message: str | None = None


# ---- alerts (SPEC 11) ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Alert:
    """A price alert as the server keeps it (``alert_created``, ``alerts``)."""

    id: str
    symbol: str
    field: str
    condition: str
    price: Decimal
    once: bool
    state: str
    created_at: int
    cooldown_seconds: int | None = None
    expires_at: int | None = None
    note: str | None = None
    client_id: str | None = None
    raw: Mapping[str, Any] = dataclasses.field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class AlertCreated:
    alert: Alert


@dataclass(frozen=True, slots=True)
class AlertList:
    alerts: tuple[Alert, ...]


@dataclass(frozen=True, slots=True)
class AlertCanceled:
    id: str


# ---- replies and notices -------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Welcome:
    message: str
    auth_timeout_ms: int


@dataclass(frozen=True, slots=True)
class AuthResult:
    success: bool
    message: str
    account: StreamPosition | None = None
    recovered: bool | None = None


@dataclass(frozen=True, slots=True)
class SubscriptionReply:
    """``subscribed``, ``unsubscribed`` or ``subscriptions``."""

    type: str
    symbols: tuple[str, ...]
    channel: str | None
    total: int
    streams: Mapping[str, StreamPosition] = dataclasses.field(default_factory=dict)
    recovered: Mapping[str, bool] = dataclasses.field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Gap:
    """Messages of a trade or account stream lost for good; the stream goes on after ``seq``."""

    channel: str
    symbol: str | None
    epoch: str | None
    seq: int


@dataclass(frozen=True, slots=True)
class Pong:
    time: int


@dataclass(frozen=True, slots=True)
class TokenExpiring:
    expires_in_ms: int


@dataclass(frozen=True, slots=True)
class Reconnect:
    """The drain notice: the node shuts down; come back after ``retry_after_ms``."""

    reason: str
    retry_after_ms: int


@dataclass(frozen=True, slots=True)
class ErrorMessage:
    message: str
    code: str | None = None
    retry_after_ms: int = -1


@dataclass(frozen=True, slots=True)
class UnknownMessage:
    """A message of a type this client does not know (a newer server): skipped."""

    type: str | None
    fields: Mapping[str, Any]


MarketMessage = Union[Tick, Book, Trade, State, Candle]
Message = Union[
    Tick, Book, Trade, State, StateDelta, Candle, AccountEvent, Welcome, AuthResult, SubscriptionReply, Gap,
    Pong, TokenExpiring, Reconnect, ErrorMessage, AlertCreated, AlertList, AlertCanceled, UnknownMessage,
]


# ---- parsing -------------------------------------------------------------------------------


def parse_message(text: str | bytes) -> Message:
    """Parses one server frame into its message.

    :raises MalformedMessageError: not a JSON object, or a message of a known type lacks a field it needs
    """
    fields = decode(text)
    kind = fields.get("type")
    parse = _PARSERS.get(kind) if isinstance(kind, str) else None
    if parse is None:
        return UnknownMessage(kind if isinstance(kind, str) else None, fields)
    try:
        return parse(fields)
    except MalformedMessageError as e:
        raise MalformedMessageError(f"{e} in {_abbreviate(text)}") from None


def _missing(name: str) -> MalformedMessageError:
    return MalformedMessageError(f"missing or invalid field {name!r}")


def _str(fields: Mapping[str, Any], name: str) -> str:
    value = fields.get(name)
    if not isinstance(value, str):
        raise _missing(name)
    return value


def _opt_str(fields: Mapping[str, Any], name: str) -> str | None:
    value = fields.get(name)
    if value is None:
        return None
    return value if isinstance(value, str) else str(value)


def _int(fields: Mapping[str, Any], name: str, default: int) -> int:
    value = fields.get(name, default)
    if type(value) is int:
        return value
    if isinstance(value, bool) or not isinstance(value, (int, Decimal)):
        raise _missing(name)
    return int(value)


def _opt_int(fields: Mapping[str, Any], name: str) -> int | None:
    return None if fields.get(name) is None else _int(fields, name, 0)


def _decimal(fields: Mapping[str, Any], name: str) -> Decimal:
    value = fields.get(name)
    if type(value) is Decimal:
        return value
    value = _optional_decimal(value, name)
    if value is None:
        raise _missing(name)
    return value


def _optional_decimal(value: Any, name: str) -> Decimal | None:
    if value is None:
        return None
    if isinstance(value, Decimal):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return Decimal(value)
    if isinstance(value, str):
        try:
            return Decimal(value)
        except ArithmeticError:
            raise _missing(name) from None
    raise _missing(name)


def _bool(fields: Mapping[str, Any], name: str, default: bool | None = None) -> bool:
    value = fields.get(name, default)
    if not isinstance(value, bool):
        raise _missing(name)
    return value


def _object(fields: Mapping[str, Any], name: str) -> JsonObject:
    value = fields.get(name)
    if not isinstance(value, dict):
        raise _missing(name)
    return value


def _position(value: Any, name: str) -> StreamPosition:
    if not isinstance(value, dict) or not isinstance(value.get("epoch"), str):
        raise _missing(name)
    return StreamPosition(value["epoch"], _int(value, "seq", NO_SEQ))


def _levels(fields: Mapping[str, Any], name: str) -> tuple[PriceLevel, ...]:
    value = fields.get(name, [])
    if not isinstance(value, list):
        raise _missing(name)
    levels = []
    for level in value:
        if not isinstance(level, list) or len(level) < 2:
            raise _missing(name)
        levels.append(PriceLevel(_optional_decimal(level[0], name) or Decimal(0),
                                 _optional_decimal(level[1], name) or Decimal(0)))
    return tuple(levels)


def _tick(f: JsonObject) -> Tick:
    return Tick(_str(f, "symbol"), _decimal(f, "bid"), _decimal(f, "ask"), _int(f, "time", 0), _int(f, "seq", NO_SEQ))


def _book(f: JsonObject) -> Book:
    return Book(_str(f, "symbol"), _levels(f, "bids"), _levels(f, "asks"), _int(f, "time", 0),
                _int(f, "seq", NO_SEQ))


def _trade(f: JsonObject) -> Trade:
    return Trade(_str(f, "symbol"), _decimal(f, "price"), _decimal(f, "quantity"), _str(f, "side"),
                 _int(f, "time", 0), _opt_str(f, "tradeId"), _int(f, "seq", NO_SEQ))


def _state(f: JsonObject) -> State | StateDelta:
    if "data" not in f and "delta" in f:
        return StateDelta(_str(f, "symbol"), _object(f, "delta"), _int(f, "time", 0), _int(f, "seq", NO_SEQ))
    return State(_str(f, "symbol"), _object(f, "data"), _int(f, "time", 0), _int(f, "seq", NO_SEQ))


def _candle(f: JsonObject) -> Candle:
    return Candle(_str(f, "symbol"), _str(f, "interval"), _int(f, "start", 0), _decimal(f, "open"),
                  _decimal(f, "high"), _decimal(f, "low"), _decimal(f, "close"), _decimal(f, "volume"),
                  _int(f, "trades", 0), _bool(f, "closed", False), _int(f, "time", 0))


def candle_from_row(symbol: str, interval: str, row: Any) -> Candle:
    """One bar of the history's ``candles``: ``[start, open, high, low, close, volume, trades]``."""
    if not isinstance(row, list) or len(row) < 7:
        raise MalformedMessageError(f"a candle row is not [start,open,high,low,close,volume,trades]: {row!r}")
    named = dict(zip(("start", "open", "high", "low", "close", "volume", "trades"), row))
    return Candle(symbol, interval, _int(named, "start", 0), _decimal(named, "open"), _decimal(named, "high"),
                  _decimal(named, "low"), _decimal(named, "close"), _decimal(named, "volume"),
                  _int(named, "trades", 0), False)


def _account(f: JsonObject) -> AccountEvent:
    event = _str(f, "event")
    data = _object(f, "data")
    time = _int(f, "time", 0)
    seq = _int(f, "seq", NO_SEQ)
    d = data
    if event == "balance":
        return Balance(event, d, time, seq, _opt_str(d, "currency"), _optional_decimal(d.get("balance"), "balance"),
                       _optional_decimal(d.get("available"), "available"), _optional_decimal(d.get("equity"), "equity"))
    if event == "order":
        return Order(event, d, time, seq, _opt_str(d, "orderId"), _opt_str(d, "symbol"), _opt_str(d, "side"),
                     _opt_str(d, "type"), _optional_decimal(d.get("price"), "price"),
                     _optional_decimal(d.get("quantity"), "quantity"), _opt_str(d, "status"))
    if event == "trade":
        return Fill(event, d, time, seq, _opt_str(d, "tradeId"), _opt_str(d, "orderId"), _opt_str(d, "symbol"),
                    _opt_str(d, "side"), _optional_decimal(d.get("price"), "price"),
                    _optional_decimal(d.get("quantity"), "quantity"), _optional_decimal(d.get("fee"), "fee"))
    if event == "position":
        return Position(event, d, time, seq, _opt_str(d, "symbol"), _optional_decimal(d.get("quantity"), "quantity"),
                        _optional_decimal(d.get("averagePrice"), "averagePrice"),
                        _optional_decimal(d.get("unrealizedPnl"), "unrealizedPnl"))
    if event == "alert":
        return AlertTriggered(event, d, time, seq, _opt_str(d, "alertId"), _opt_str(d, "clientId"),
                              _opt_str(d, "symbol"), _opt_str(d, "field"), _opt_str(d, "condition"),
                              _optional_decimal(d.get("price"), "price"), _optional_decimal(d.get("value"), "value"),
                              _opt_int(d, "triggeredAt"), _opt_str(d, "note"))
    if event == "notification":
        return Notification(event, d, time, seq, _opt_str(d, "level"), _opt_str(d, "message"))
    return AccountEvent(event, d, time, seq)


def alert_from(value: Any) -> Alert:
    """An alert object of ``alert_created`` or ``alerts``."""
    if not isinstance(value, dict):
        raise _missing("alert")
    return Alert(_str(value, "id"), _str(value, "symbol"), _str(value, "field"), _str(value, "condition"),
                 _decimal(value, "price"), _bool(value, "once", True), _str(value, "state"),
                 _int(value, "createdAt", 0), _opt_int(value, "cooldownSeconds"), _opt_int(value, "expiresAt"),
                 _opt_str(value, "note"), _opt_str(value, "clientId"), value)


def _alerts(f: JsonObject) -> AlertList:
    value = f.get("alerts")
    if not isinstance(value, list):
        raise _missing("alerts")
    return AlertList(tuple(alert_from(alert) for alert in value))


def _auth(f: JsonObject) -> AuthResult:
    account = f.get("account")
    recovered = f.get("recovered")
    return AuthResult(_bool(f, "success"), _opt_str(f, "message") or "",
                      None if account is None else _position(account, "account"),
                      recovered if isinstance(recovered, bool) else None)


def _subscription(f: JsonObject) -> SubscriptionReply:
    symbols = f.get("symbols", [])
    if not isinstance(symbols, list) or not all(isinstance(s, str) for s in symbols):
        raise _missing("symbols")
    streams = f.get("streams") or {}
    recovered = f.get("recovered") or {}
    if not isinstance(streams, dict) or not isinstance(recovered, dict):
        raise _missing("streams")
    return SubscriptionReply(_str(f, "type"), tuple(symbols), _opt_str(f, "channel"),
                             _int(f, "totalSubscriptions", -1),
                             {symbol: _position(p, "streams") for symbol, p in streams.items()},
                             {symbol: bool(r) for symbol, r in recovered.items() if isinstance(r, bool)})


_PARSERS: dict[str, Callable[[JsonObject], Message]] = {
    "tick": _tick,
    "book": _book,
    "trade": _trade,
    "state": _state,
    "candle": _candle,
    "account": _account,
    "welcome": lambda f: Welcome(_opt_str(f, "message") or "", _int(f, "authTimeoutMs", -1)),
    "auth": _auth,
    "subscribed": _subscription,
    "unsubscribed": _subscription,
    "subscriptions": _subscription,
    "gap": lambda f: Gap(_str(f, "channel"), _opt_str(f, "symbol"), _opt_str(f, "epoch"), _int(f, "seq", NO_SEQ)),
    "pong": lambda f: Pong(_int(f, "time", 0)),
    "token_expiring": lambda f: TokenExpiring(max(0, _int(f, "expiresInMs", 0))),
    "reconnect": lambda f: Reconnect(_opt_str(f, "reason") or "", max(0, _int(f, "retryAfterMs", 0))),
    "error": lambda f: ErrorMessage(_opt_str(f, "message") or "", _opt_str(f, "code"), _int(f, "retryAfterMs", -1)),
    "alert_created": lambda f: AlertCreated(alert_from(f.get("alert"))),
    "alerts": _alerts,
    "alert_canceled": lambda f: AlertCanceled(_str(f, "id")),
}
