"""`portal easyread build`: print every guide in every language ahead of time."""

from __future__ import annotations

import click
from flask.cli import AppGroup
from tqdm import tqdm

easyread = AppGroup("easyread", help="Build the easy-read guides' PDFs and ZIPs.")


@easyread.command("build")
@click.option("--force", is_flag=True, help="Print every PDF again, even if unchanged.")
def build(force: bool) -> None:
    """Build every guide's PDF in every language, and one ZIP per language.

    Unchanged guides are skipped: each file is named by a hash of what made it.
    """
    from portal.easyread import current_cache

    cache = current_cache()
    library = cache.library
    guides = [guide for code in library.languages() for guide in library.guides_in(code)]
    printed = 0
    for guide in tqdm(guides, desc="Guides", unit="pdf"):
        if force or cache.cached_pdf(guide) is None:
            cache.build_pdf(guide)
            printed += 1
    for code in library.languages():
        cache.zip(code)
    skipped = len(guides) - printed
    click.echo(f"Built {printed} PDFs, {skipped} unchanged, in {cache.folder}.")
