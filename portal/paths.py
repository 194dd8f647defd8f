"""Where the project's files are: the one place that knows the checkout's layout.

Modules that need a path read it here rather than from `portal/__init__.py`, so that
nothing imports the application factory except the CLI and the WSGI entry point.
"""

from pathlib import Path

PACKAGE_ROOT = Path(__file__).resolve().parent
PROJECT_ROOT = PACKAGE_ROOT.parent
TEMPLATES = PROJECT_ROOT / "templates"
TRANSLATIONS = PROJECT_ROOT / "translations"
EASYREAD = PROJECT_ROOT / "easyread"
INSTANCE = PROJECT_ROOT / "instance"
MIGRATIONS = PACKAGE_ROOT / "data" / "migrations"
