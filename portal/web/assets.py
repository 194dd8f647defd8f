"""Build the front end: Sass to CSS, GOV.UK Frontend's JavaScript and assets, hashed names.

Every built file's name carries a hash of its content, so browsers may keep it for a
year and a new release can never be served stale. `asset_url()` reads the manifest.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
from functools import cache
from pathlib import Path

from portal.paths import PACKAGE_ROOT, PROJECT_ROOT

PACKAGE = PACKAGE_ROOT
SOURCE = PACKAGE / "static" / "src"
DIST = PACKAGE / "static" / "dist"
MANIFEST = DIST / "manifest.json"
NODE_MODULES = PROJECT_ROOT / "node_modules"
GOVUK_DIST = NODE_MODULES / "govuk-frontend" / "dist" / "govuk"


class AssetError(RuntimeError):
    pass


def _hashed_copy(source: Path, logical_name: str, manifest: dict[str, str]) -> None:
    digest = hashlib.sha256(source.read_bytes()).hexdigest()[:12]
    stem, dot, suffix = logical_name.rpartition(".")
    hashed = f"{stem}-{digest}.{suffix}" if dot else f"{logical_name}-{digest}"
    target = DIST / hashed
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, target)
    manifest[logical_name] = hashed


def build() -> dict[str, str]:
    sass = NODE_MODULES / ".bin" / "sass"
    if not sass.exists() or not GOVUK_DIST.exists():
        raise AssetError("node_modules is missing: run `npm ci` first")
    if DIST.exists():
        shutil.rmtree(DIST)
    DIST.mkdir(parents=True)
    css = DIST / "portal.css"
    subprocess.run(  # noqa: S603 - a fixed command on files we own
        [
            str(sass),
            f"--load-path={NODE_MODULES}",
            "--style=compressed",
            "--quiet-deps",
            "--no-source-map",
            str(SOURCE / "portal.scss"),
            str(css),
        ],
        check=True,
    )
    manifest: dict[str, str] = {}
    _hashed_copy(css, "portal.css", manifest)
    css.unlink()
    _hashed_copy(GOVUK_DIST / "govuk-frontend.min.js", "govuk-frontend.min.js", manifest)
    for script in sorted(SOURCE.glob("*.js")):
        _hashed_copy(script, script.name, manifest)
    for image in sorted((SOURCE / "images").glob("*")):
        _hashed_copy(image, f"images/{image.name}", manifest)
    # GOV.UK Frontend's CSS refers to its own images and fonts by fixed names.
    shutil.copytree(GOVUK_DIST / "assets" / "images", DIST / "govuk" / "images")
    MANIFEST.write_text(json.dumps(manifest, indent=2, sort_keys=True))
    _manifest.cache_clear()
    return manifest


@cache
def _manifest() -> dict[str, str]:
    if not MANIFEST.exists():
        return {}
    return json.loads(MANIFEST.read_text())


def asset_url(logical_name: str) -> str:
    return "/assets/" + _manifest().get(logical_name, logical_name)
