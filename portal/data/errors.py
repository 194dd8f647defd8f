"""The data layer's own errors. Views turn them into HTTP answers (`portal.web.errors`)."""


class NotFound(LookupError):
    """A record that does not exist, or that the person asking may not see.

    The two are one error on purpose: the answer must not tell anyone that a record they
    may not see exists.
    """
