"""Operational commands: key rotation, retention, backups, the audit log."""

from __future__ import annotations

from pathlib import Path

import click
from flask import current_app
from flask.cli import AppGroup

keys = AppGroup("keys", help="Encryption keys.")
retention = AppGroup("retention", help="Removing data that is kept no longer.")
backup = AppGroup("backup", help="Backing up and restoring the database.")
audit = AppGroup("audit", help="The append-only audit log.")


@keys.command("generate", with_appcontext=False)
@click.argument("kid")
def generate_key(kid: str) -> None:
    """Print a new key to put first in PORTAL_ENCRYPTION_KEYS."""
    from portal.data.key_rotation import new_key

    click.echo(new_key(kid))


@keys.command("rotate")
def rotate_keys() -> None:
    """Re-encrypt every encrypted value with the newest key."""
    from portal.data.key_rotation import rotate_all

    for table, count in rotate_all().items():
        click.echo(f"{table}: {count} re-encrypted")


@retention.command("purge")
@click.option("--dry-run", is_flag=True, help="Say what would be removed, remove nothing.")
def purge_command(dry_run: bool) -> None:
    """Remove victims' data for cases closed longer than PORTAL_RETENTION_DAYS."""
    from portal.data import job_runs
    from portal.data.retention import purge

    days = current_app.config["SETTINGS"].retention_days
    report = purge(days, dry_run=dry_run)
    if not dry_run:  # a cron line running this shows in /metrics as the worker's would
        job_runs.record_success(job_runs.RETENTION_PURGE)
    verb = "Would remove" if dry_run else "Removed"
    click.echo(f"{verb} {report.cases} closed cases and {report.victims} victim accounts.")
    for table, count in sorted(report.rows.items()):
        click.echo(f"  {table}: {count}")


@backup.command("create")
@click.argument("target", type=click.Path(dir_okay=False, path_type=Path))
def create_backup_command(target: Path) -> None:
    """Write a backup of the database to TARGET."""
    from portal.data.backup import create_backup

    create_backup(target)
    click.echo(f"Backup written to {target}")


@backup.command("restore")
@click.argument("source", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--into", "database_url", required=True, help="URL of an EMPTY database.")
def restore_backup_command(source: Path, database_url: str) -> None:
    """Restore SOURCE into an empty database (never over a live one)."""
    from portal.data.backup import BackupError, restore_backup

    try:
        counts = restore_backup(source, database_url)
    except BackupError as error:
        raise click.ClickException(str(error)) from None
    click.echo("Restored. Rows of victims' data in each table:")
    for table, rows in sorted(counts.items()):
        click.echo(f"  {table}: {rows}")


@audit.command("verify")
def verify_audit_command() -> None:
    """Walk the audit log's hash chain; fail naming the first changed or missing event."""
    from portal.data.audit_chain import AuditChainBroken, verify
    from portal.extensions import db

    try:
        report = verify(db.session)
    except AuditChainBroken as error:
        raise click.ClickException(f"The audit log has been tampered with: {error}") from None
    events = "1 event" if report.events == 1 else f"{report.events} events"
    click.echo(
        f"Audit log intact: {events}, each linked to the one before. Chain head: {report.head}"
    )
