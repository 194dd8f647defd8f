"""`portal notifications run` (a long-running worker) and `send-due` (one pass, for cron)."""

from __future__ import annotations

import signal
import threading

import click
from flask.cli import AppGroup

notifications = AppGroup("notifications", help="Send notifications from the outbox.")


@notifications.command("send-due")
def send_due_command() -> None:
    """Queue reminders for missed routine updates, then send every notification due now."""
    from portal.notifications.worker import run_reminders, send_due

    reminders = run_reminders()
    outcomes = send_due()
    summary = ", ".join(f"{name} {count}" for name, count in sorted(outcomes.items()))
    click.echo(f"Routine reminders queued: {reminders}. Notifications: {summary or 'none due'}.")


@notifications.command("run")
@click.option(
    "--interval",
    default=30.0,
    show_default=True,
    type=click.FloatRange(min=0.1),
    help="Seconds to wait between passes.",
)
def run_command(interval: float) -> None:
    """Send notifications as they fall due, until stopped (SIGTERM or Ctrl+C)."""
    from portal.notifications.worker import run_forever

    stop = threading.Event()

    def _stop(_signum, _frame) -> None:
        # Finish the notification in hand, give back the rest of the batch, then exit.
        stop.set()

    signal.signal(signal.SIGTERM, _stop)
    signal.signal(signal.SIGINT, _stop)
    click.echo(f"Sending notifications every {interval:g} seconds. Stop with SIGTERM.")
    run_forever(interval, stop)
    click.echo("Stopped.")
