"""The machine the figures came from, and whether anything else was using it.

A request rate means nothing without the machine; and on a shared machine a test suite
running beside the benchmark takes CPU the figures should have had.
"""

from __future__ import annotations

import contextlib
import os
import platform
import time
from pathlib import Path

# Between two URLs the benchmark's own processes are idle, so any CPU use then is someone
# else's. Above this share of all CPUs the next figure would be unfair: wait for quiet.
BUSY_SHARE = 0.15
QUIET_WAIT_SECONDS = 15  # per URL, so a busy machine cannot stretch a run by much


def describe() -> dict:
    return {
        "cpu": _cpu_model(),
        "cores": os.cpu_count(),
        "memory_gb": _memory_gb(),
        "os": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(),
    }


def line(machine: dict) -> str:
    return (
        f"{machine['cpu']}, {machine['cores']} cores, {machine['memory_gb']} GB RAM, "
        f"{machine['os']}, Python {machine['python']}"
    )


def busy_after_load(settle_seconds: float = 1.5) -> float:
    """The share of CPUs in use once our own server has finished what the load queued.

    When wrk stops, up to one request per connection may still wait for a worker; at the
    slowest page's pace that takes under a second, so sample only after that.
    """
    time.sleep(settle_seconds)
    return busy_share()


def busy_share(seconds: float = 0.5) -> float:
    """The share of all CPUs in use over a short sample (Linux; 0.0 elsewhere)."""
    before = _cpu_ticks()
    time.sleep(seconds)
    after = _cpu_ticks()
    total = after[1] - before[1]
    return (after[0] - before[0]) / total if total > 0 else 0.0


def wait_for_quiet() -> float:
    """Wait (a bounded time) until other programs leave the CPUs idle; the last share seen."""
    deadline = time.monotonic() + QUIET_WAIT_SECONDS
    share = busy_share()
    while share > BUSY_SHARE and time.monotonic() < deadline:
        share = busy_share(1.0)
    return share


def _cpu_model() -> str:
    with contextlib.suppress(OSError):
        for row in Path("/proc/cpuinfo").read_text().splitlines():
            if row.startswith("model name"):
                return row.split(":", 1)[1].strip()
    return platform.processor() or "unknown CPU"


def _memory_gb() -> float | None:
    with contextlib.suppress(OSError, ValueError, IndexError):
        for row in Path("/proc/meminfo").read_text().splitlines():
            if row.startswith("MemTotal:"):
                return round(int(row.split()[1]) / 1024 / 1024, 1)  # the file counts KiB
    return None


def _cpu_ticks() -> tuple[int, int]:
    """(busy, total) clock ticks of all CPUs since boot, from the first line of /proc/stat."""
    try:
        fields = [int(n) for n in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    except (OSError, ValueError):
        return 0, 0
    idle = fields[3] + (fields[4] if len(fields) > 4 else 0)  # idle and waiting for I/O
    total = sum(fields[:8])  # guest time is already counted in user time
    return total - idle, total
