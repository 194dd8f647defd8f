"""Notifications: an outbox written with each update, and a worker that sends it."""
