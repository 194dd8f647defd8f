"""Start the portal and the bare app under gunicorn with the same settings, and stop them."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
# Fixed, not one per core, so figures from two machines compare like for like; both apps
# get the same number. `--workers` changes it.
WORKERS = 2
WORKER_CLASS = "sync"  # gunicorn's default, as the README's production command uses
READY_SECONDS = 60


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def gunicorn_command(app: str, port: int, workers: int = WORKERS) -> list[str]:
    return [
        sys.executable,
        "-m",
        "gunicorn",
        "--workers",
        str(workers),
        "--worker-class",
        WORKER_CLASS,
        "--bind",
        f"127.0.0.1:{port}",
        "--backlog",
        "2048",
        "--log-level",
        "warning",
        app,
    ]


@contextlib.contextmanager
def serving(
    app: str,
    env: dict[str, str],
    ready_path: str,
    workers: int = WORKERS,
    project: Path = PROJECT_ROOT,
) -> Iterator[str]:
    """Run `app` (a gunicorn app spec) until the block ends; yield its base URL.
    `project`: the checkout it is imported from (another commit's, for the baseline)."""
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    # The log goes to a file, not a pipe: an unread pipe that fills up would stall the
    # workers mid-run and show up as latency.
    with tempfile.TemporaryFile(mode="w+") as log:
        process = subprocess.Popen(
            gunicorn_command(app, port, workers),
            cwd=project,
            env={**os.environ, **env},
            stdout=subprocess.DEVNULL,
            stderr=log,
            text=True,
            start_new_session=True,
        )
        try:
            _wait_until_ready(process, base + ready_path, log)
            yield base
        finally:
            stop(process)


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)  # the arbiter and its workers
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=5)


def _wait_until_ready(process: subprocess.Popen, url: str, log) -> None:
    deadline = time.monotonic() + READY_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            log.seek(0)
            raise RuntimeError(f"gunicorn exited early:\n{log.read()[-2000:]}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310 - loopback
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.2)
    raise RuntimeError(f"gunicorn did not answer {url} within {READY_SECONDS} seconds")
