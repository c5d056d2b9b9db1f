"""The client's side of the delivery guarantees (SPEC 7): stream positions, duplicates, breaks."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from .messages import NO_SEQ, AccountEvent, AuthResult, Gap, StreamPosition, SubscriptionReply, Trade

ACCOUNT = "account"
TRADES = "trades"


@dataclass(frozen=True, slots=True)
class StreamBreak:
    """Messages of a trade or account stream were lost for good: reconcile from your own records.

    ``stream`` is ``"account"`` or ``"trades:SYMBOL"``; ``cause`` is ``"not_recovered"`` (a resume
    answered ``recovered:false``: another epoch, or the history no longer reaches back) or ``"gap"``
    (the gateway told of a loss on its bus).
    """

    stream: str
    cause: str

    @property
    def symbol(self) -> str | None:
        return self.stream.split(":", 1)[1] if self.stream.startswith(TRADES + ":") else None


def trades_stream(symbol: str) -> str:
    return f"{TRADES}:{symbol}"


class DeliveryGuard:
    """Keeps each trade stream's and the account stream's last ``(epoch, seq)`` from replies and
    messages; drops what was already delivered; turns ``recovered:false`` and ``gap`` into breaks."""

    def __init__(self, on_break: Callable[[StreamBreak], None]) -> None:
        self._positions: dict[str, StreamPosition] = {}
        self._on_break = on_break
        self.duplicates = 0

    def resume_point(self, stream: str) -> StreamPosition | None:
        """Where to resume ``stream`` from (``since``), or None when nothing of it is known."""
        known = self._positions.get(stream)
        return known if known is not None and known.seq != NO_SEQ else None

    def admit(self, message: Trade | AccountEvent) -> bool:
        """False for a trade or account event whose ``seq`` is not above its stream's last."""
        if message.seq == NO_SEQ:
            return True
        stream = trades_stream(message.symbol) if isinstance(message, Trade) else ACCOUNT
        known = self._positions.get(stream)
        if known is not None and known.seq != NO_SEQ and message.seq <= known.seq:
            self.duplicates += 1
            return False
        self._positions[stream] = StreamPosition(known.epoch if known else "", message.seq)
        return True

    def authenticated(self, reply: AuthResult) -> None:
        self._resumed(ACCOUNT, reply.account, reply.recovered)

    def subscribed(self, reply: SubscriptionReply) -> None:
        if reply.channel != TRADES:
            return
        if reply.type == "unsubscribed":
            for symbol in reply.symbols:
                self._positions.pop(trades_stream(symbol), None)
        elif reply.type == "subscribed":
            for symbol in dict.fromkeys([*reply.streams, *reply.recovered]):
                self._resumed(trades_stream(symbol), reply.streams.get(symbol), reply.recovered.get(symbol))

    def gap(self, gap: Gap) -> None:
        if gap.channel == TRADES and gap.symbol is not None:
            stream = trades_stream(gap.symbol)
        elif gap.channel == ACCOUNT:
            stream = ACCOUNT
        else:
            return
        known = self._positions.get(stream)
        epoch = gap.epoch if gap.epoch is not None else known.epoch if known else None
        self._positions[stream] = StreamPosition(epoch or "", gap.seq if epoch is not None else NO_SEQ)
        self._on_break(StreamBreak(stream, "gap"))

    def _resumed(self, stream: str, latest: StreamPosition | None, recovered: bool | None) -> None:
        """The server told where a stream stands as it starts sending it: the known position stays
        when of the same epoch and not refused; otherwise the stream goes on from ``latest``."""
        if latest is not None:
            known = self._positions.get(stream)
            continues = recovered is not False and known is not None and known.epoch == latest.epoch \
                and known.seq != NO_SEQ
            if not continues:
                self._positions[stream] = latest
        if recovered is False:
            self._on_break(StreamBreak(stream, "not_recovered"))
