"""The capacity run in Markdown: the figure first, then every step and the page mix."""

from __future__ import annotations

from bench import machine
from bench.capacity.search import P95_LIMIT_MS, Step

NOTE = (
    "Locust ran on the same machine as the portal and its database, and took the share of "
    'all CPUs shown as "Locust CPU": on a host with nothing else on it the portal would '
    "have that share too. \"Portal CPU\" is the server's and its database's share, and "
    '"Others\' CPU" what other programs used during the step. A figure taken while others '
    "were busy is lower than the host's own."
)


def step_line(result: dict, step: Step) -> str:
    verdict = "pass" if step.passed else f"fail ({step.why_not})"
    return (
        f"{result['requests_per_second']:.1f} req/s, p95 {_ms(result['p95_ms'])}, "
        f"{result['errors']} error(s); of the CPUs, the portal "
        f"{_share(result.get('portal_cpu_share'))}, Locust {result['locust_cpu_share']:.0%}, "
        f"others {_share(result.get('others_cpu_share'))}: {verdict}"
    )


def markdown(results: dict) -> str:
    settings, mix = results["settings"], results["mix"]
    lines = [
        "# Capacity",
        "",
        f"Machine: {machine.line(results['machine'])}.",
        f"{settings['database']}, gunicorn {settings['workers']} {settings['worker_class']} "
        f"workers; {settings['load_generator']}.",
        "",
    ]
    if not results.get("available"):
        return "\n".join([*lines, f"Not measured: {results.get('reason')}", ""])
    figure = results["figure"]
    minutes = results["run_seconds"] / 60
    lines += [
        f"**{figure['users']} simultaneous users** with a p95 under {P95_LIMIT_MS:g} ms and "
        f"no error, at {figure['requests_per_second']} requests a second "
        f"(p95 {_ms(figure['p95_ms'])}). Not more: {figure['limited_by']}. "
        f"The run took {minutes:.1f} minutes.",
        "",
        _mix_line(mix),
        "",
        NOTE,
        "",
        "| Users | req/s | p50 | p95 | p99 | Errors | Portal CPU | Locust CPU | Others' CPU "
        "| Result |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for result in results["steps"]:
        step = Step(
            result["users"],
            result["requests"],
            result["errors"],
            result["p95_ms"],
            result["requests_per_second"],
        )
        lines.append(
            f"| {result['users']} | {result['requests_per_second']:.1f} | "
            f"{_ms(result['p50_ms'])} | {_ms(result['p95_ms'])} | {_ms(result['p99_ms'])} | "
            f"{result['errors']} | {_share(result.get('portal_cpu_share'))} | "
            f"{result['locust_cpu_share']:.0%} | {_share(result.get('others_cpu_share'))} | "
            f"{'pass' if step.passed else 'fail: ' + step.why_not} |"
        )
    chosen = next((r for r in results["steps"] if r["users"] == figure["users"]), None)
    if chosen:
        lines += [
            "",
            f"Pages at {figure['users']} users:",
            "",
            "| Page | Requests | req/s | p50 | p95 | Errors |",
            "| --- | --- | --- | --- | --- | --- |",
        ]
        for name, row in sorted(chosen["pages"].items()):
            lines.append(
                f"| {name} | {row['requests']} | {row['requests_per_second']:.1f} | "
                f"{_ms(row['p50_ms'])} | {_ms(row['p95_ms'])} | {row['failures']} |"
            )
    failed = [f for r in results["steps"] for f in r["failures"]]
    if failed:
        lines += ["", "Errors seen:", ""]
        lines += [f"- {f['name']}: {f['error']} ({f['count']}×)" for f in failed[:10]]
    return "\n".join(lines) + "\n"


def _mix_line(mix: dict) -> str:
    shares = ", ".join(f"{kind}s {share:.0%}" for kind, share in mix["shares"].items())
    low, high = mix["think_seconds"]
    return (
        f"Users: {shares} (from {mix['source']}: victims ask for 2 pages for each "
        f"1 staff ask for; 8 officers to a supervisor). Each thinks {low:g} to {high:g} s "
        f"between actions, so a user asks for about {mix['pages_per_second_per_user']} pages "
        f"a second; the national peak is about {mix['national_peak_pages_per_second']:g} "
        "pages a second."
    )


def _ms(value) -> str:
    return "–" if value is None else f"{value:g} ms"


def _share(value) -> str:
    return "–" if value is None else f"{value:.0%}"
