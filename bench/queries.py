"""Database queries per request, counted in-process with the Flask test client.

A SQLAlchemy `before_cursor_execute` listener counts every statement sent while one GET
is answered, signed in with the same kind of session cookie the load test sends. Each
page is asked once first, so a once-a-minute session write or a first-use cache does not
count against it.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

from sqlalchemy import event

from bench import pages


class QueryCounter:
    def __init__(self):
        self.count = 0

    def __call__(self, conn, cursor, statement, parameters, context, executemany):
        self.count += 1


@contextlib.contextmanager
def counting(app) -> Iterator[QueryCounter]:
    from portal.extensions import db

    with app.app_context():
        engine = db.engine
    counter = QueryCounter()
    event.listen(engine, "before_cursor_execute", counter)
    try:
        yield counter
    finally:
        event.remove(engine, "before_cursor_execute", counter)


def queries_for(app, path: str, cookie: tuple[str, str] | None) -> tuple[int | None, int]:
    """(queries, status) for one GET of `path`; queries is None unless it answered 200."""
    client = app.test_client()
    if cookie:
        client.set_cookie(cookie[0], cookie[1])
    first = client.get(path)
    if first.status_code != 200:
        return None, first.status_code
    with counting(app) as counter:
        response = client.get(path)
    return (counter.count if response.status_code == 200 else None), response.status_code


def count_pages(app, loaded, cookies: dict, shared: dict[str, str]) -> dict[str, dict]:
    """Per signed-in page: queries at 1 update, at 20, and as signed in for the load test.

    The load test's officer and supervisor have far more cases than the pair at 1 and 20
    updates, so "as loaded" also shows whether queries grow with the number of cases.
    """
    counted = {}
    for row in pages.PAGES:
        who = {"as_loaded": row.signed_in_as}
        if row.growth:
            who.update(at_1_update=row.growth[0], at_20_updates=row.growth[1])
        counts: dict[str, int | str] = {}
        for column, principal in who.items():
            params = {**shared, **loaded.params.get(principal or "", {})}
            path = pages.resolve(row.path, params)
            if path is None:
                counts[column] = "no data for this URL"
                continue
            count, status = queries_for(app, path, cookies.get(principal))
            counts[column] = count if count is not None else f"answered {status}"
        counted[row.key] = counts
    return counted
