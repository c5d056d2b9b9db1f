"""How many messages one Python client parses and hands out per second of its own CPU (one core).

Three commands (BENCHMARKS.md, "The Python client"):

``record``  records a gateway's frames, as they arrive, to a file (one frame a line):
    /usr/bin/python3 bench/client_bench.py record --url ws://127.0.0.1:8080/ --key K --channel tick --frames 50000 ticks.jsonl

``offline`` feeds a recorded file through the client's receive path (parse, deltas, delivery guard,
    routing) into a stream that a reader task drains: the parse-and-hand-out ceiling, no socket:
    /usr/bin/python3 bench/client_bench.py offline ticks.jsonl

``live``    streams from a gateway through the whole client (socket, websockets, optional permessage-deflate)
    for some seconds and divides the messages handed out by the process's CPU time:
    /usr/bin/python3 bench/client_bench.py live --url ws://127.0.0.1:8080/ --key K --channel state --seconds 20 [--no-deflate]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import sys
import time
from typing import Any

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))

import websockets  # noqa: E402

from tickstream import Client  # noqa: E402
from tickstream.streams import Stream  # noqa: E402

SYMBOLS = ["EURUSD", "GBPUSD", "USDJPY", "AUDUSD", "USDCHF", "XAUUSD", "BTCUSDT", "زعفران0412P01",
           "زعفران0502P01", "سکه0412P05", "سکه0502P05", "پسته0412P01", "طلا0412P02", "نقره0412P01", "مس0502P01"]


async def record(url: str, key: str, channel: str, frames: int, path: str) -> None:
    """Full states are recorded as full states (no deltas), so that a replay needs no server."""
    async with websockets.connect(url, compression=None, max_size=None) as ws:  # type: ignore[attr-defined]
        await ws.recv()
        await ws.send(json.dumps({"type": "auth", "apiKey": key}))
        await ws.recv()
        await ws.send(json.dumps({"type": "subscribe", "channel": channel, "symbols": SYMBOLS}))
        kept = 0
        with open(path, "w", encoding="utf-8") as out:
            while kept < frames:
                frame = await ws.recv()
                if f'"type":"{channel}"' in frame:
                    out.write(frame + "\n")
                    kept += 1


async def drain(stream: Stream[Any], count: list[int]) -> None:
    async for _ in stream:
        count[0] += 1


async def offline(path: str, rounds: int) -> None:
    with open(path, encoding="utf-8") as file:
        frames = [line.rstrip("\n") for line in file if line.strip()]
    channel = json.loads(frames[0])["type"]
    client = Client("ws://unused/", api_key="unused")
    stream = {"tick": client.stream_ticks, "state": client.stream_state}[channel](SYMBOLS)
    handed = [0]
    reader = asyncio.create_task(drain(stream, handed))
    receive = client._receive  # the client's own path for every frame it gets
    best = 0.0
    for _ in range(rounds):
        handed[0] = 0
        cpu = time.process_time()
        for frame in frames:
            receive(frame)
            await asyncio.sleep(0)  # the reader takes each message before the next frame, as when it keeps up
        await asyncio.sleep(0)
        used = time.process_time() - cpu
        best = max(best, len(frames) / used)
    reader.cancel()
    await client.close()
    print(f"offline {channel}: {len(frames)} frames x {rounds}, best {best:,.0f} messages/s of one core "
          f"({1e6 / best:.1f} us each); the reader took {handed[0]} of the last round's {len(frames)}")


async def live(url: str, key: str, channel: str, seconds: float, deflate: bool) -> None:
    handed = [0]
    async with Client(url, api_key=key, compression=deflate) as client:
        stream = {"tick": client.stream_ticks, "state": client.stream_state}[channel](SYMBOLS)
        reader = asyncio.create_task(drain(stream, handed))
        await asyncio.sleep(2)  # warm-up
        start, cpu, before = time.monotonic(), time.process_time(), handed[0]
        await asyncio.sleep(seconds)
        wall, used, count = time.monotonic() - start, time.process_time() - cpu, handed[0] - before
        reader.cancel()
        deflated = client.compression_active
    print(f"live {channel} deflate={deflated}: {count / wall:,.0f} messages/s handed out, CPU {used / wall:.0%} "
          f"of one core, so {count / used:,.0f} messages per CPU-second ({1e6 * used / count:.1f} us each)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    rec = commands.add_parser("record")
    rec.add_argument("--url", required=True)
    rec.add_argument("--key", required=True)
    rec.add_argument("--channel", choices=["tick", "state"], default="tick")
    rec.add_argument("--frames", type=int, default=50_000)
    rec.add_argument("path")
    off = commands.add_parser("offline")
    off.add_argument("path")
    off.add_argument("--rounds", type=int, default=5)
    liv = commands.add_parser("live")
    liv.add_argument("--url", required=True)
    liv.add_argument("--key", required=True)
    liv.add_argument("--channel", choices=["tick", "state"], default="tick")
    liv.add_argument("--seconds", type=float, default=20)
    liv.add_argument("--no-deflate", action="store_true")
    args = parser.parse_args()
    if args.command == "record":
        asyncio.run(record(args.url, args.key, args.channel, args.frames, args.path))
    elif args.command == "offline":
        asyncio.run(offline(args.path, args.rounds))
    else:
        asyncio.run(live(args.url, args.key, args.channel, args.seconds, not args.no_deflate))


if __name__ == "__main__":
    main()
