"""Time the easy-read guides: one guide printed cold, and every guide in every language.

Run in a fresh process (`python -m bench.guides`), so "cold" means what a new worker pays
for its first print: finding the fonts and parsing the stylesheets as well as the print
itself (WeasyPrint's import is timed on its own). The full build uses the easy-read
package's own `BuildCache` pointed at an empty temporary folder, so every PDF and ZIP is
made from scratch, as on a fresh clone.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.server import PROJECT_ROOT


def measure() -> dict:
    started = time.perf_counter()
    import weasyprint  # noqa: F401 - timed: every new worker pays for it once

    imported = time.perf_counter()
    from portal import create_app
    from portal.config import Settings
    from portal.easyread import current_library
    from portal.easyread.cache import BuildCache

    app = create_app(Settings.from_env({}, environment="development"))
    with app.app_context(), tempfile.TemporaryDirectory(prefix="bench-guides-") as folder:
        library = current_library()
        guide = library.guide(library.slugs()[0], "en")
        one = BuildCache(library, Path(folder) / "one")
        before = time.perf_counter()
        one.build_pdf(guide)
        cold = time.perf_counter()
        one.build_pdf(guide)
        warm = time.perf_counter()

        every = BuildCache(library, Path(folder) / "all")
        languages = library.languages()
        guides = [g for code in languages for g in library.guides_in(code)]
        for each in guides:
            every.build_pdf(each)
        for code in languages:
            every.zip(code)
        built = time.perf_counter()
    return {
        "guide": f"{guide.slug}, en",
        "import_seconds": round(imported - started, 2),
        "cold_render_seconds": round(cold - before, 2),
        "warm_render_seconds": round(warm - cold, 2),
        "all_guides_seconds": round(built - warm, 1),
        "all_guides_pdfs": len(guides),
        "languages": languages,
    }


def measure_in_fresh_process(timeout: int = 600) -> dict:
    finished = subprocess.run(
        [sys.executable, "-m", "bench.guides"],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    if finished.returncode != 0:
        last = finished.stderr.strip().splitlines()[-1:] or ["no output"]
        return {"available": False, "reason": last[0]}
    return {"available": True, **json.loads(finished.stdout.strip().splitlines()[-1])}


if __name__ == "__main__":
    print(json.dumps(measure()))
