"""The data: typed models, migrations, the one scoping module every query for a record goes
through, the audit log, retention, backups and the notification outbox."""
