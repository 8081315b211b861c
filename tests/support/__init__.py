"""Test support: HTML pages, OIDC entry points, journey clients and synthetic doctors."""
