"""The check of an officer's language lives in `portal.rules.text_language`, where the
victim's and the supporter's pages use it too (to mark the officer's words with theirs)."""

from portal.rules.text_language import seems_not_in

__all__ = ["seems_not_in"]
