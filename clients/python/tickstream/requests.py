"""The client's messages of the JSON protocol, as text (README, "The JSON message protocol"; SPEC 11)."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any, Iterable, Mapping

from .messages import StreamPosition


def _encode(value: Any) -> Any:
    if isinstance(value, Decimal):
        # SPEC 11 takes a price as "exact decimal text or number": the text never passes through a float
        return format(value, "f")
    raise TypeError(f"{type(value).__name__} is not JSON serializable")


def dumps(message: Mapping[str, Any]) -> str:
    """Compact JSON; a ``Decimal`` is written as its exact decimal text (``Decimal("1.0900")`` as ``"1.0900"``)."""
    return json.dumps(message, separators=(",", ":"), ensure_ascii=False, default=_encode)


def position(value: StreamPosition) -> dict[str, Any]:
    return {"epoch": value.epoch, "seq": value.seq}


def auth(api_key: str | None, token: str | None, since: StreamPosition | None) -> str:
    message: dict[str, Any] = {"type": "auth"}
    if api_key is not None:
        message["apiKey"] = api_key
    else:
        message["token"] = token
    if since is not None:
        message["since"] = position(since)
    return dumps(message)


def subscribe(channel: str, symbols: Iterable[str], *, depth: int | None = None, interval: str | None = None,
              delta: bool = False, max_rate: float | None = None,
              since: Mapping[str, StreamPosition] | None = None) -> str:
    message: dict[str, Any] = {"type": "subscribe", "channel": channel, "symbols": list(symbols)}
    if depth is not None:
        message["depth"] = depth
    if interval is not None:
        message["interval"] = interval
    if delta:
        message["delta"] = True
    if max_rate is not None:
        message["maxRate"] = max_rate
    if since:
        message["since"] = {symbol: position(p) for symbol, p in since.items()}
    return dumps(message)


def unsubscribe(channel: str, symbols: Iterable[str]) -> str:
    return dumps({"type": "unsubscribe", "channel": channel, "symbols": list(symbols)})


def alert_create(symbol: str, field: str, condition: str, price: Decimal | str, *, once: bool | None = None,
                 cooldown_seconds: int | None = None, expires_at: int | None = None, note: str | None = None,
                 client_id: str | None = None) -> str:
    """``alert_create`` (SPEC 11); ``price`` goes out exactly, as decimal text."""
    message: dict[str, Any] = {"type": "alert_create", "symbol": symbol, "field": field, "condition": condition,
                               "price": price}
    optional = {"once": once, "cooldownSeconds": cooldown_seconds, "expiresAt": expires_at, "note": note,
                "clientId": client_id}
    message.update({name: value for name, value in optional.items() if value is not None})
    return dumps(message)


def alert_cancel(alert_id: str) -> str:
    return dumps({"type": "alert_cancel", "id": alert_id})


def alert_list() -> str:
    return dumps({"type": "alert_list"})
