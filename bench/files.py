"""Which easy-read PDF the load test asks for, and which static file it is compared with.

The PDF is printed here, before any load, so the server only ever serves it from the
build cache: the row measures a cached PDF, as the target says. The static file is the
built asset nearest in size to that PDF, since the bytes sent are part of the cost and
a comparison with a file five times larger would flatter the PDF.
"""

from __future__ import annotations

from pathlib import Path


def pick(app) -> dict:
    """`{guide_slug}`, `{static_asset}` for `bench.pages`, and the sizes behind the choice."""
    from portal.easyread import current_cache, current_library

    with app.app_context():
        library = current_library()
        slugs = library.slugs()
        if not slugs:
            return {}  # no guides: the PDF row says it has no data
        guide = library.guide(slugs[0], "en")
        pdf = current_cache().pdf(guide).path
        static = _nearest_in_size(Path(app.static_folder), pdf.stat().st_size)
    return {
        "guide_slug": guide.slug,
        "static_asset": static.relative_to(app.static_folder).as_posix(),
        "pdf_bytes": pdf.stat().st_size,
        "static_bytes": static.stat().st_size,
    }


def _nearest_in_size(folder: Path, size: int) -> Path:
    served = [p for p in folder.rglob("*") if p.is_file() and p.name != "manifest.json"]
    if not served:
        raise RuntimeError(f"no built assets in {folder}: run `make assets`")
    return min(served, key=lambda p: abs(p.stat().st_size - size))
