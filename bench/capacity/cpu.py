"""CPU time used by the portal under test: its gunicorn processes and, on PostgreSQL, the
database backends serving its throwaway database (Linux /proc; 0.0 elsewhere).

With Locust's own time and the whole machine's, this says how much of a step's CPU was
other people's: on a shared machine, the figure is only as good as that share is small.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

TICKS = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def portal_seconds(database_name: str | None) -> float:
    """CPU seconds so far of this process's descendants (the server) and of the
    PostgreSQL backends whose command line names `database_name`."""
    parents: dict[int, int] = {}
    used: dict[int, float] = {}
    names: dict[int, str] = {}
    for entry in Path("/proc").glob("[0-9]*"):
        with contextlib.suppress(OSError, ValueError, IndexError):
            stat = (entry / "stat").read_text()
            # The command name is in brackets and may hold spaces: split after it.
            fields = stat[stat.rindex(")") + 2 :].split()
            pid = int(entry.name)
            parents[pid] = int(fields[1])
            used[pid] = (int(fields[11]) + int(fields[12])) / TICKS
            names[pid] = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
    ours = _descendants(os.getpid(), parents)
    if database_name:
        ours |= {pid for pid, line in names.items() if f" {database_name} " in line}
    return sum(used.get(pid, 0.0) for pid in ours)


def _descendants(root: int, parents: dict[int, int]) -> set[int]:
    found: set[int] = set()
    frontier = {root}
    while frontier:
        frontier = {pid for pid, parent in parents.items() if parent in frontier} - found
        found |= frontier
    return found
