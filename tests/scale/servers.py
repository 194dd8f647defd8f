"""Portal servers and commands as subprocesses, as separate machines would run them."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import requests

from tests.local_services import free_port
from tests.pages import check_response

PROJECT_ROOT = Path(__file__).resolve().parents[2]
START_SECONDS = 60
STOP_SECONDS = 15


class Server:
    """One portal instance under gunicorn on its own port."""

    def __init__(self, env: dict[str, str]):
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "--workers",
                "1",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--log-level",
                "warning",
                "portal:create_app()",
            ],
            cwd=PROJECT_ROOT,
            env={**os.environ, **env},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )

    def wait_until_ready(self) -> None:
        deadline = time.monotonic() + START_SECONDS
        while time.monotonic() < deadline:
            assert self.process.poll() is None, f"the server on {self.port} exited at start"
            try:
                if requests.get(self.base + "/healthz", timeout=2).status_code == 200:
                    return
            except requests.RequestException:
                pass
            time.sleep(0.2)
        raise AssertionError(f"the server on {self.port} did not start in {START_SECONDS} s")

    def url(self, path: str) -> str:
        return self.base + path

    def stop(self) -> None:
        stop(self.process)


def stop(process: subprocess.Popen) -> None:
    if process.poll() is not None:
        return
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=STOP_SECONDS)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=STOP_SECONDS)


def portal_command(env: dict[str, str], *args: str) -> subprocess.Popen:
    """Start `portal <args>` (the console script's own entry point) in the background."""
    return subprocess.Popen(
        [sys.executable, "-m", "portal", *args],
        cwd=PROJECT_ROOT,
        env={**os.environ, **env},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )


def new_browser() -> requests.Session:
    """A session whose every HTML response passes the suite's page check (tests/pages.py)."""
    browser = requests.Session()
    browser.hooks["response"].append(
        lambda response, *args, **kwargs: check_response(
            response, f"{response.request.method} {response.url}"
        )
    )
    return browser


CSRF_FIELD = re.compile(
    r'name="csrf_token"[^>]*value="([^"]+)"|value="([^"]+)"[^>]*name="csrf_token"'
)


def csrf_token(browser: requests.Session, url: str) -> str:
    page = browser.get(url, timeout=30)
    assert page.status_code == 200, f"GET {url} answered {page.status_code}"
    match = CSRF_FIELD.search(page.text)
    assert match, f"no CSRF token on {url}"
    return match.group(1) or match.group(2)


def post_form(
    browser: requests.Session, server: Server, path: str, data: dict, from_path: str = ""
):
    """POST a form as a browser would, with a CSRF token from the page it sits on."""
    token = csrf_token(browser, server.url(from_path or path))
    return browser.post(
        server.url(path), data={**data, "csrf_token": token}, allow_redirects=False, timeout=30
    )
