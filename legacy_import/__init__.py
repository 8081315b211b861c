"""`monespace legacy import`: the old Drupal portal's espaces brought into MonEspace.

Modules, in the order an account flows through them: sqldump and tables (a dump or CSV files →
table rows), portal (the rows of a Drupal layout → accounts with their RPPS), hashes (which
password scheme), planning (checks, matching with the doctors Keycloak holds, safety limit),
keycloak_legacy (the extension's endpoint), apply (one run), commands (the CLI).
"""
