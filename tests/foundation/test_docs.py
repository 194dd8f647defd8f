"""The README stays short, links every page in docs/, and every path the docs name exists.

A path counts as named when it sits in backticks, in a fenced code block or in a Markdown
link, and starts with one of the project's top-level folders or files (`REPOSITORY_ROOTS`).
Backticked paths are read from the repository root; a link from where its page sits.
"""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
README = ROOT / "README.md"
DOCS_PAGES = sorted((ROOT / "docs").glob("*.md"))
PAGES = [README, ROOT / "SECURITY.md", *DOCS_PAGES]

README_LIMIT_BYTES = 10_240

# What a repository path may start with.
REPOSITORY_ROOTS = (
    "portal/",
    "tests/",
    "templates/",
    "easyread/",
    "bench/",
    "docs/",
    "translations/",
    ".ci/",
)
REPOSITORY_FILES = {
    "Makefile",
    "pyproject.toml",
    "package.json",
    "package-lock.json",
    "README.md",
    "SECURITY.md",
    "Dockerfile",
    "compose.yaml",
}

# Made by `make` or by running the portal and never committed, so absent from a checkout.
GENERATED = (
    "instance/",
    "node_modules/",
    ".venv/",
    ".make/",
    "portal/static/dist/",
    "easyread/build/",
    "bench/results/",
)

# A placeholder (`translations/<lang>/...`), a glob (`*.mo`) or an elision (`...`) names
# no single file, so it is not checked.
NOT_ONE_PATH = re.compile(r"[<>*{}]|\.\.\.")

FENCED_BLOCK = re.compile(r"^```.*?^```", re.MULTILINE | re.DOTALL)
INLINE_CODE = re.compile(r"`([^`\n]+)`")
MARKDOWN_LINK = re.compile(r"\]\(([^)\s]+)\)")
HTML_LINK = re.compile(r"""(?:src|href)=["']([^"']+)["']""")
TOKEN_SEPARATORS = re.compile(r"""[\s"'=`(),;]+""")


def _words_in_code(text: str) -> list[str]:
    """Every word inside fenced blocks and inline code, split the way a shell would."""
    blocks = FENCED_BLOCK.findall(text)
    rest = FENCED_BLOCK.sub("", text)
    code = [*blocks, *INLINE_CODE.findall(rest)]
    return [word for chunk in code for word in TOKEN_SEPARATORS.split(chunk) if word]


def _is_repository_path(word: str) -> bool:
    return word in REPOSITORY_FILES or word.startswith(REPOSITORY_ROOTS)


def _is_generated(path: str) -> bool:
    return any(f"{path}/".startswith(folder) for folder in GENERATED)


def _exists(file: Path, test_name: str) -> bool:
    """The file exists and, for a pytest node id (`file.py::test_name`), so does the test."""
    if not file.exists():
        return False
    return not test_name or f"def {test_name}(" in file.read_text(encoding="utf-8")


def _link_targets(text: str) -> list[str]:
    targets = MARKDOWN_LINK.findall(text) + HTML_LINK.findall(text)
    return [
        target.split("#", 1)[0]
        for target in targets
        if "://" not in target and not target.startswith(("#", "mailto:"))
    ]


def missing_paths(text: str, page_folder: Path) -> list[str]:
    """The paths a page names that do not exist, each as the page wrote it."""
    missing = []
    for word in _words_in_code(text):
        path = word.rstrip(".:")
        if not _is_repository_path(path) or NOT_ONE_PATH.search(path):
            continue
        path, _, test_name = path.partition("::")
        if _is_generated(path.rstrip("/")):
            continue
        if not _exists(ROOT / path, test_name):
            missing.append(word)
    for target in _link_targets(text):
        if target and not NOT_ONE_PATH.search(target) and not (page_folder / target).exists():
            missing.append(target)
    return missing


def test_the_readme_is_under_10_kb():
    size = len(README.read_bytes())
    assert size < README_LIMIT_BYTES, f"README.md is {size} bytes; move detail to docs/"


def test_there_are_pages_in_docs():
    assert DOCS_PAGES, "docs/ holds no Markdown pages"


def test_the_readme_links_every_page_in_docs():
    linked = {(ROOT / target).resolve() for target in _link_targets(README.read_text())}
    unlinked = [page.name for page in DOCS_PAGES if page.resolve() not in linked]
    assert not unlinked, f"README.md does not link: {unlinked}"


def test_every_path_the_docs_name_exists():
    missing = {
        page.relative_to(ROOT).as_posix(): found
        for page in PAGES
        if (found := missing_paths(page.read_text(encoding="utf-8"), page.parent))
    }
    assert not missing, f"paths named in the docs that do not exist: {missing}"


def test_a_made_up_path_is_reported_wherever_it_is_named():
    page = (
        "See `portal/no_such_module.py`, [this](no-such-page.md) and\n"
        "```sh\n.venv/bin/pytest tests/no_such_test.py\n```\n"
        "and `tests/foundation/test_docs.py::test_no_such_test`."
    )
    assert missing_paths(page, ROOT / "docs") == [
        "tests/no_such_test.py",
        "portal/no_such_module.py",
        "tests/foundation/test_docs.py::test_no_such_test",
        "no-such-page.md",
    ]


def test_placeholders_and_generated_files_are_not_checked():
    page = "`translations/<lang>/LC_MESSAGES/messages.po`, `easyread/build/`, `*.mo`."
    assert missing_paths(page, ROOT) == []
