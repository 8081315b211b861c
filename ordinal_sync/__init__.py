"""Ordinal synchronisation: source files → normalised doctors → plan → Keycloak.

Modules, in the order a record flows through them: textfile (bytes → lines), readers
(layouts), grouping (lines of one RPPS), normalise (→ Doctor or rejection), pipeline
(all of the above), hashing, planning (→ Changes, safety threshold), keycloak_mapping
(→ user attributes), report (JSON Lines). Then the Keycloak side: keycloak_bulk (client of the
extension's bulk endpoint), inventory (what Keycloak holds, compactly), apply (one run: read,
plan, check, write in batches), progress (bars or log lines) and commands (`monespace ordinal`).
"""
