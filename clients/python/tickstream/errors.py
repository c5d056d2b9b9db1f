"""The exceptions of the client. Every one derives from :class:`TickstreamError`."""

from __future__ import annotations


class TickstreamError(Exception):
    """Base of every error the client raises or reports."""


class MalformedMessageError(TickstreamError):
    """A server message that is not JSON, not an object, or lacks a field its type needs."""


class ProtocolError(TickstreamError):
    """The server broke the protocol: no welcome first, no auth reply in time, a binary frame."""


class AuthenticationError(TickstreamError):
    """The server refused the credential (``auth`` answered ``success:false``). Never retried."""


class ConnectionRejectedError(TickstreamError):
    """The server closed with a code that means "fix before reconnecting" (1008, 1003, 1009, ...)."""

    def __init__(self, code: int, reason: str) -> None:
        super().__init__(f"the server closed the connection with {code} {reason!r}")
        self.code = code
        self.reason = reason


class ConnectionLostError(TickstreamError):
    """The connection dropped or the server asked the client to come back (reported, then retried)."""

    def __init__(self, message: str, code: int | None = None, retry_after: float = 0.0) -> None:
        super().__init__(message)
        self.code = code
        self.retry_after = retry_after


class RetriesExhaustedError(TickstreamError):
    """``max_retries`` attempts in a row failed; ``__cause__`` is the last failure."""


class ClientClosedError(TickstreamError):
    """The client was closed while the call waited."""


class ServerError(TickstreamError):
    """The server answered a request with ``{"type":"error",...}``."""

    def __init__(self, message: str, code: str | None = None) -> None:
        super().__init__(f"{message} ({code})" if code else message)
        self.code = code
        self.server_message = message


class UnsupportedByServerError(ServerError):
    """The server does not know the channel or message asked for (e.g. a gateway without candles or alerts)."""


class StreamOverflowError(TickstreamError):
    """A trades or account stream's reader fell ``queue_size`` messages behind: the messages after
    the ones it already received were not kept, and the stream ended. Reconcile from your own
    records, then open a new stream."""

    def __init__(self, stream: str, dropped: int) -> None:
        super().__init__(f"the {stream} stream's reader fell behind its queue; messages were dropped from here on")
        self.stream = stream
        self.dropped = dropped


class HandlerError(TickstreamError):
    """A message handler raised; the message still reached everyone else."""
