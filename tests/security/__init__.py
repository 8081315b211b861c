"""Attacks on the realm's surfaces, each written as the attack itself (README « Security »)."""
