"""Tickstream's asyncio client: ``from tickstream import Client``.

``async with Client("ws://localhost:8080/", api_key="...") as client:`` then
``async for tick in client.stream_ticks(["EURUSD"]):``. See the package README.
"""

from .client import Alerts, Client
from .delivery import StreamBreak
from .errors import (AuthenticationError, ClientClosedError, ConnectionLostError, ConnectionRejectedError,
                     HandlerError, MalformedMessageError, ProtocolError, RetriesExhaustedError, ServerError,
                     StreamOverflowError, TickstreamError, UnsupportedByServerError)
from .messages import (NO_SEQ, AccountEvent, Alert, AlertTriggered, Balance, Book, Candle, Fill, Notification, Order,
                       Position, PriceLevel, State, StreamPosition, Tick, Trade, parse_message)
from .streams import Stream
from .subscriptions import Topic

__all__ = [
    "NO_SEQ", "AccountEvent", "Alert", "AlertTriggered", "Alerts", "AuthenticationError", "Balance", "Book", "Candle",
    "Client", "ClientClosedError", "ConnectionLostError", "ConnectionRejectedError", "Fill", "HandlerError",
    "MalformedMessageError", "Notification", "Order", "Position", "PriceLevel", "ProtocolError",
    "RetriesExhaustedError", "ServerError", "State", "Stream", "StreamBreak", "StreamOverflowError",
    "StreamPosition", "Tick", "TickstreamError", "Topic", "Trade", "UnsupportedByServerError", "parse_message",
]
__version__ = "0.1.0"
