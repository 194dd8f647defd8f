"""Today's figures, measured in the same run: the portal as it was before issue 18.

The speed targets are "N times today's requests a second". Quoting figures from an older
run would compare two machines, or one machine on two days; so the benchmark serves the
portal at BASELINE_COMMIT too, from a copy made with `git archive`, against the same
database and under the same gunicorn settings, and measures its pages right beside
today's. Its schema is the same but for the indexes added since, which it does not need.
Its sessions were a bare token in the cookie (the portal still reads those).
"""

from __future__ import annotations

import contextlib
import shutil
import subprocess
import sys
import tarfile
import tempfile
from collections.abc import Iterator
from pathlib import Path

from bench.server import PROJECT_ROOT

BASELINE_COMMIT = "e088182"  # main before issue 18's work began
# The pages whose targets are a multiple of the baseline's speed (keys of bench.pages).
PAGES = ("victim_home", "victim_update", "dashboard")


class NoBaseline(RuntimeError):
    pass


@contextlib.contextmanager
def checkout(commit: str = BASELINE_COMMIT) -> Iterator[Path]:
    """A copy of the project at `commit`, with its translations compiled and today's
    built front end (the baseline's templates name the same files). Gone afterwards."""
    with tempfile.TemporaryDirectory(prefix="bench-baseline-") as folder:
        where = Path(folder)
        archive = where / "baseline.tar"
        made = subprocess.run(
            ["git", "archive", "--format=tar", f"--output={archive}", commit],
            cwd=PROJECT_ROOT,
            capture_output=True,
            text=True,
            check=False,
        )
        if made.returncode != 0:
            raise NoBaseline(f"git archive {commit} failed: {made.stderr.strip()[:300]}")
        with tarfile.open(archive) as tar:
            tar.extractall(where / "project", filter="data")
        project = where / "project"
        dist = PROJECT_ROOT / "portal" / "static" / "dist"
        shutil.copytree(dist, project / "portal" / "static" / "dist")
        compiled = subprocess.run(
            [sys.executable, "-m", "portal", "translations", "compile"],
            cwd=project,
            capture_output=True,
            text=True,
            check=False,
        )
        if compiled.returncode != 0:
            raise NoBaseline(f"the baseline's translations: {compiled.stderr.strip()[-300:]}")
        yield project


def bare_token_cookie(app, token: str) -> str:
    """The cookie as the baseline wrote it: the session token alone, and the CSRF secret
    a browser would hold (see bench.data.cookie_for)."""
    from bench.data import cookie_for

    serializer = app.session_interface.get_signing_serializer(app)
    theirs = serializer.loads(cookie_for(app, token, "victim"))
    return serializer.dumps({**theirs, "_user_id": token})
