"""The capacity run: `python -m bench.capacity`, or `make bench BENCH_ARGS="--capacity"`.

How many people, reading and working at a human pace, one 2-core host serves with a p95
under 200 ms and no error. `mix` says who they are and how fast they click, `locustfile`
is what each of them does, `people` signs them in, `step` runs Locust once at a given
number of users, `search` chooses the numbers to try and the figure, `runner` does it all
and `report` writes it down.
"""
