"""The examples run as a user runs them (their own process) against the real gateway and print live data."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from conftest import KEY, Gateway, Lines

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


@pytest.mark.parametrize("example, args, expected", [
    ("tickers.py", ["EURUSD"], " EURUSD 1."),
    ("book.py", ["XAUUSD"], "  1. 23"),
    ("trades.py", ["BTCUSDT"], " BTCUSDT @ "),
    ("account.py", [], ": "),
    ("moving_average.py", ["BTCUSDT"], ", MA "),
])
def test_the_example_prints_live_data(gateway: Gateway, example: str, args: list[str], expected: str) -> None:
    process = subprocess.Popen([sys.executable, str(EXAMPLES / example), "--url", gateway.url, "--key", KEY, *args],
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        out = Lines(process)
        line = ""
        for _ in range(10):
            line = out.wait_for("", 30.0)
            if expected in line:
                break
        assert expected in line, out.seen
    finally:
        process.kill()
        process.wait(10)
        assert process.stdout is not None
        process.stdout.close()
