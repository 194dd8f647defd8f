"""Drive load with Debian's `wrk` from a separate process, and check each URL first."""

from __future__ import annotations

import json
import shutil
import subprocess
from dataclasses import asdict, dataclass
from pathlib import Path

import requests

LUA = Path(__file__).resolve().parent / "report.lua"
ACCEPT_ENCODING = "gzip, deflate, br"
# One load thread is plenty for wrk (tens of thousands of requests a second) and leaves
# as much of the machine as it can to the server.
THREADS = 1
WARM_UP_SECONDS = 2  # templates compiled, connection pools filled, caches warm
MIN_REQUESTS = 100


class LoadError(RuntimeError):
    pass


@dataclass
class LoadResult:
    requests_per_second: float
    p50_ms: float
    p95_ms: float
    p99_ms: float
    max_ms: float
    requests: int
    errors: int  # non-2xx answers, socket errors and timeouts, all together
    bytes_per_request: float
    note: str

    def as_dict(self) -> dict:
        return asdict(self)


def wrk_path() -> str:
    found = shutil.which("wrk")
    if not found:
        raise LoadError(
            'wrk is not installed: run `make bench`, or `SYSTEM_PACKAGES="wrk" sh '
            ".ci/system-packages` as root (Debian's package `wrk`)."
        )
    return found


def describe() -> str:
    """What drove the load, for the report: wrk's own version line, shortened."""
    shown = subprocess.run([wrk_path(), "--version"], capture_output=True, text=True, check=False)
    version = (shown.stdout or shown.stderr).split("[")[0].strip() or "wrk"
    return f"{version}, {THREADS} thread, in a separate process over loopback"


def headers_for(cookie: tuple[str, str] | None, compressed: bool) -> dict[str, str]:
    headers = {}
    if cookie:
        headers["Cookie"] = f"{cookie[0]}={cookie[1]}"
    if compressed:
        headers["Accept-Encoding"] = ACCEPT_ENCODING
    return headers


def check_answers_200(url: str, headers: dict[str, str]) -> str | None:
    """One request as the load will send it: None if it answers 200, else why not."""
    try:
        response = requests.get(url, headers=headers, allow_redirects=False, timeout=120)
    except requests.RequestException as error:
        return f"no answer ({type(error).__name__})"
    if response.status_code == 200:
        return None
    where = response.headers.get("Location")
    return f"answered {response.status_code}" + (f" (to {where})" if where else "")


def cache_headers(url: str, headers: dict[str, str]) -> dict:
    """Whether a cache in front of the portal may keep this answer for everyone: it sets
    no cookie and says `Cache-Control: public`."""
    response = requests.get(url, headers=headers, allow_redirects=False, timeout=120)
    cookie = response.headers.get("Set-Cookie")
    control = response.headers.get("Cache-Control", "")
    return {
        "cacheable": cookie is None and "public" in control,
        "cache_headers": f"Set-Cookie: {'yes' if cookie else 'none'}; Cache-Control: {control}",
    }


def run(url: str, headers: dict[str, str], duration: int, connections: int) -> LoadResult:
    _wrk(url, headers, WARM_UP_SECONDS, connections)
    raw = _wrk(url, headers, duration, connections)
    seconds = raw["duration_us"] / 1e6
    return LoadResult(
        requests_per_second=round(raw["requests"] / seconds, 1),
        p50_ms=round(raw["p50_us"] / 1000, 2),
        p95_ms=round(raw["p95_us"] / 1000, 2),
        p99_ms=round(raw["p99_us"] / 1000, 2),
        max_ms=round(raw["max_us"] / 1000, 2),
        requests=raw["requests"],
        errors=raw["non2xx"] + raw["socket_errors"] + raw["timeouts"],
        bytes_per_request=round(raw["bytes"] / max(raw["requests"], 1)),
        note="" if raw["requests"] >= MIN_REQUESTS else "too few requests for a stable figure",
    )


def _wrk(url: str, headers: dict[str, str], duration: int, connections: int) -> dict:
    command = [
        wrk_path(),
        f"--threads={THREADS}",
        f"--connections={connections}",
        f"--duration={duration}s",
        "--timeout=30s",  # a slow page is measured slow, not dropped as an error
        f"--script={LUA}",
    ]
    for name, value in headers.items():
        command += ["--header", f"{name}: {value}"]
    command.append(url)
    finished = subprocess.run(
        command, capture_output=True, text=True, timeout=duration + 60, check=False
    )
    for line in finished.stdout.splitlines():
        if line.startswith("BENCH-JSON "):
            return json.loads(line.removeprefix("BENCH-JSON "))
    raise LoadError(f"wrk gave no result for {url}: {finished.stderr.strip()[-500:]}")
