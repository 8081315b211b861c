"""The local MonEspace stack: Keycloak from its Maven distribution, our providers and theme, the sinks.

Shared by the main command (`monespace dev up`) and the test harness, so both run the same thing.
"""
