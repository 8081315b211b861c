"""Ordinal synchronisation: source files → normalised doctors → plan → Keycloak.

Modules, in the order a record flows through them: textfile (bytes → lines), readers
(layouts), grouping (the lines of one RPPS, in two passes, and their raw digest), normalise
(→ Doctor or rejection), workers (normalisation on every core), pipeline (all of the above),
hashing, planning (→ Changes, safety threshold), keycloak_mapping (→ user attributes), report
(JSON Lines). Then the Keycloak side: keycloak_bulk (client of the extension's bulk endpoint),
inventory (what Keycloak holds, compactly), state (what the last run saw, so that unchanged
records are not normalised again), apply (one run: read, plan, check, write in batches),
progress (bars or log lines, and the run's time profile) and commands (`monespace ordinal`).
"""
