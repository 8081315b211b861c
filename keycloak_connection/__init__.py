"""How MonEspace's tools reach Keycloak as an administrator: `admin` (settings, token, errors in
one line) and `options` (the same settings as click options). The CLI (provisioning), the Ordinal
sync and the legacy import sit on it; it imports none of them.
"""
