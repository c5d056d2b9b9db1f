"""Full states from the server's deltas (README, "State deltas")."""

from __future__ import annotations

from typing import Any, Mapping

from .messages import NO_SEQ, State, StateDelta


def merge(base: Mapping[str, Any], delta: Mapping[str, Any]) -> dict[str, Any]:
    """``base`` with ``delta`` put in: nested objects merged, other values replaced, the base's order
    kept and new names appended. Copies only what changes: unchanged sections are shared with the base."""
    merged = dict(base)
    for name, value in delta.items():
        before = merged.get(name)
        if isinstance(value, Mapping) and isinstance(before, Mapping):
            merged[name] = merge(before, value)
        else:
            merged[name] = value
    return merged


class StateBases:
    """The last full state of each symbol on the state channel, which its deltas apply to."""

    def __init__(self) -> None:
        self._bases: dict[str, State] = {}
        self.resyncs = 0
        """Deltas that came without a full state before them (each answered by subscribing again)."""

    def base(self, state: State) -> None:
        self._bases[state.symbol] = state

    def apply(self, delta: StateDelta) -> State | None:
        """The full state after ``delta``, now its symbol's base; None for a duplicate (``seq`` not
        above the base's) or a delta without a base (the caller then subscribes the symbol again)."""
        base = self._bases.get(delta.symbol)
        if base is None:
            self.resyncs += 1
            return None
        if delta.seq != NO_SEQ and base.seq != NO_SEQ and delta.seq <= base.seq:
            return None
        state = State(delta.symbol, merge(base.data, delta.delta), delta.time, delta.seq)
        self._bases[delta.symbol] = state
        return state

    def forget(self, symbol: str) -> None:
        self._bases.pop(symbol, None)

    def forget_all(self) -> None:
        self._bases.clear()
