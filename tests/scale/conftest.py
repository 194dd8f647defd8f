"""Scale-out tests start real servers and workers as subprocesses, each wait bounded."""

from __future__ import annotations


def pytest_configure(config):
    config.addinivalue_line(
        "markers",
        "scale_out: starts two portal servers and two workers against one PostgreSQL "
        "and one Redis (slow, but every wait has a timeout)",
    )
