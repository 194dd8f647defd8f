"""The rules, in plain functions with no Flask request handling: the Victims' Code, what a
victim sees, publishing, compliance, reviews and feedback. Views call them; tests call them
directly."""
