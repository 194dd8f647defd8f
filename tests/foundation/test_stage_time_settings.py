"""A force's own ranges for the stage tracker: read from the environment, checked at start."""

from __future__ import annotations

import pytest

from portal.config import ConfigError, Settings


def test_the_force_sets_a_stage_time_by_environment():
    settings = Settings.from_env({"PORTAL_STAGE_TIME_INVESTIGATION": "3-9 months"}, "test")
    assert settings.stage_times == {"investigation": "3-9 months"}


@pytest.mark.parametrize(
    ("name", "value"),
    [("PORTAL_STAGE_TIME_COURT", "soon"), ("PORTAL_STAGE_TIME_TRIAL", "3-9 months")],
)
def test_a_start_with_a_bad_stage_time_is_refused_with_the_setting_named(name, value):
    with pytest.raises(ConfigError) as refused:
        Settings.from_env({name: value}, "test")
    assert any(problem.startswith(f"{name}:") for problem in refused.value.problems)
