"""The large synthetic "scale" district that `make bench` measures the pages against.

    python -m lib.devservices -- python -m bench.seed --schools 200 --staff 10000 --stories 200000

200 schools, 10,000 staff, a district leader (scale-leader@scale.example) and an admin
(bench/seed/people.py), 200,000 stories (bench/seed/stories.py), and the forums, cycles,
sessions, insights, commitments and tries of every school, with 50 live sessions
(bench/seed/forums.py). Stories and forums go in with Postgres COPY (bench/seed/bulk.py).
Reused when present; `--reset` rebuilds everything, `--reset-forums` only the forums
(bench/seed/scale.py). Every scale account signs in with the demo password.

A plain script rather than a management command: only the benchmark uses it, so the
production app has no command (and no app) for it.
"""
