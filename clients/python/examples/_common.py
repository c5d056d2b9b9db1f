"""What every example takes from its command line: the gateway's URL and an API key."""

from __future__ import annotations

import argparse
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))


def arguments(description: str, symbol: str | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--url", default="ws://localhost:8080/", help="the gateway (default: %(default)s)")
    parser.add_argument("--key", required=True, help="an API key (./tickstream serve prints a demo key)")
    if symbol is not None:
        parser.add_argument("symbols", nargs="*", default=[symbol], help=f"symbols (default: {symbol})")
    return parser.parse_args()
