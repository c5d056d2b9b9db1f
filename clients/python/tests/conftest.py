"""Fixtures: a real redis-server on a free port, real gateways (``java -jar tickstream.jar serve``) and the
real simulator publishing into that Redis, all started by the tests and stopped after them.

The jar is ``$TICKSTREAM_JAR`` (set by the Maven module) or ``tickstream-cli/target/tickstream.jar`` of
this checkout; ``$TICKSTREAM_JAVA`` names the ``java`` to run it with (default: the one on the PATH).
"""

from __future__ import annotations

import asyncio
import base64
import gc
import hashlib
import hmac
import json
import os
import queue
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any, Iterator

import pytest

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

REPO = HERE.parents[2]
JAR = Path(os.environ.get("TICKSTREAM_JAR", REPO / "tickstream-cli" / "target" / "tickstream.jar"))
JAVA = os.environ.get("TICKSTREAM_JAVA", "java")
START_WAIT = 60.0
KEY = "python-client-key"
ACCOUNT = "demo"
SECRET = "a-shared-hs256-secret-of-at-least-32-bytes"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Lines:
    """A process's standard output, line by line, read on a thread of its own."""

    def __init__(self, process: subprocess.Popen[str]) -> None:
        self.lines: queue.Queue[str] = queue.Queue()
        self.seen: list[str] = []
        threading.Thread(target=self._pump, args=(process,), daemon=True).start()

    def _pump(self, process: subprocess.Popen[str]) -> None:
        assert process.stdout is not None
        for line in process.stdout:
            self.lines.put(line)

    def wait_for(self, prefix: str, timeout: float) -> str:
        deadline = time.monotonic() + timeout
        while True:
            try:
                line = self.lines.get(timeout=max(0.01, deadline - time.monotonic()))
            except queue.Empty:
                raise AssertionError(f"no line starting {prefix!r} within {timeout} s; saw {self.seen}") from None
            self.seen.append(line)
            if line.startswith(prefix):
                return line


class RedisProcess:
    def __init__(self, directory: Path) -> None:
        self.port = free_port()
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
             "--dir", str(directory)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + START_WAIT
        while self.command("PING") != "+PONG":
            if time.monotonic() > deadline or self.process.poll() is not None:
                raise AssertionError("redis-server did not start")
            time.sleep(0.05)

    @property
    def uri(self) -> str:
        return f"redis://127.0.0.1:{self.port}"

    def command(self, *args: str) -> str | None:
        """One command's first reply line (enough for PING)."""
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=2) as s:
                s.sendall((f"*{len(args)}\r\n" + "".join(f"${len(a.encode())}\r\n{a}\r\n" for a in args)).encode())
                return s.recv(4096).decode().split("\r\n")[0]
        except OSError:
            return None

    def stop(self) -> None:
        self.process.kill()
        self.process.wait(10)


class JavaProcess:
    """``java -jar tickstream.jar ARGS``, its stdout watched, its stderr in a file."""

    def __init__(self, directory: Path, name: str, args: list[str]) -> None:
        self.log = directory / f"{name}.stderr.log"
        with self.log.open("w") as stderr:
            self.process = subprocess.Popen(
                [JAVA, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx256m", "-jar", str(JAR), *args],
                stdout=subprocess.PIPE, stderr=stderr, text=True)
        self.out = Lines(self.process)

    def wait_for(self, prefix: str) -> str:
        try:
            return self.out.wait_for(prefix, START_WAIT)
        except AssertionError as e:
            raise AssertionError(f"{e}\nstderr: {self.log.read_text()[-2000:]}") from None

    def terminate(self) -> int:
        """SIGTERM, then the exit status."""
        self.process.send_signal(signal.SIGTERM)
        status = self.process.wait(START_WAIT)
        self.close()
        return status

    def kill(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait(START_WAIT)
        self.close()

    def close(self) -> None:
        if self.process.stdout is not None:
            self.process.stdout.close()


class Gateway(JavaProcess):
    """``tickstream serve`` on the shared Redis, with the test key, JWTs (HS256) and a 1 s drain window."""

    def __init__(self, directory: Path, redis: RedisProcess, port: int | None = None,
                 extra: dict[str, Any] | None = None) -> None:
        self.port = port or free_port()
        config = {"host": "127.0.0.1", "bus": {"redis": redis.uri, "catalogRefreshSeconds": 1},
                  "apiKeys": [{"key": KEY, "account": ACCOUNT}],
                  "jwt": {"hs256Secret": SECRET, "expiryNoticeSeconds": 2},
                  "shutdown": {"drainSeconds": 1}, **(extra or {})}
        path = directory / f"gateway-{self.port}-{time.monotonic_ns()}.json"
        path.write_text(json.dumps(config))
        super().__init__(directory, f"gateway-{self.port}", ["serve", "--config", str(path), "--port", str(self.port)])
        self.wait_for("Tickstream is running on")

    @property
    def url(self) -> str:
        return f"ws://127.0.0.1:{self.port}/"


def jwt(subject: str, expires_at: float, secret: str = SECRET) -> str:
    """An HS256 JWT for ``subject`` expiring at ``expires_at`` (epoch seconds)."""
    def part(value: dict[str, Any]) -> str:
        return base64.urlsafe_b64encode(json.dumps(value).encode()).rstrip(b"=").decode()
    signing = part({"alg": "HS256", "typ": "JWT"}) + "." + part(
        {"sub": subject, "iat": int(time.time()) - 5, "exp": int(expires_at)})
    signature = hmac.new(secret.encode(), signing.encode(), hashlib.sha256).digest()
    return signing + "." + base64.urlsafe_b64encode(signature).rstrip(b"=").decode()


@pytest.fixture(scope="session")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    assert JAR.is_file(), f"no gateway jar at {JAR}: build it with mvn -q -DskipTests -pl tickstream-cli -am package"
    return tmp_path_factory.mktemp("tickstream")


@pytest.fixture(scope="session")
def redis(workdir: Path) -> Iterator[RedisProcess]:
    server = RedisProcess(workdir)
    yield server
    server.stop()


@pytest.fixture(scope="session")
def simulator(workdir: Path, redis: RedisProcess) -> Iterator[JavaProcess]:
    """The demo market and the demo account's private events, published into Redis at 100 updates/s."""
    process = JavaProcess(workdir, "simulate", ["simulate", "--redis", redis.uri, "--rate", "100"])
    process.wait_for("Simulating")
    yield process
    process.kill()


@pytest.fixture(scope="session")
def gateway(workdir: Path, redis: RedisProcess, simulator: JavaProcess) -> Iterator[Gateway]:
    node = Gateway(workdir, redis)
    yield node
    node.kill()


@pytest.fixture
def event_loop() -> Iterator[asyncio.AbstractEventLoop]:
    """Each test on a loop in debug mode; afterwards no task of the client may be left running."""
    loop = asyncio.new_event_loop()
    loop.set_debug(True)
    loop.slow_callback_duration = 1.0
    yield loop
    leftover = [t for t in asyncio.all_tasks(loop) if not t.done()]
    for task in leftover:
        task.cancel()
    if leftover:
        loop.run_until_complete(asyncio.gather(*leftover, return_exceptions=True))
    loop.run_until_complete(loop.shutdown_asyncgens())
    loop.close()
    gc.collect()
    assert not leftover, f"tasks left behind: {leftover}"
