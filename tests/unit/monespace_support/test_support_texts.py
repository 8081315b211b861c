"""The support page states the reset link's validity the realm configures, never a constant."""

from __future__ import annotations

from monespace_support import texts


def test_the_reset_link_texts_say_the_configured_validity() -> None:
    assert "valable 24 heures," in texts.with_validity(texts.DONE["reset-link"], "86400")
    assert "valable 2 heures," in texts.with_validity(texts.EXPLAIN["reset-link"], 7200)
    assert "valable 30 minutes," in texts.with_validity(texts.DONE["reset-link"], 1800)


def test_an_unknown_validity_is_left_unsaid() -> None:
    said = texts.with_validity(texts.DONE["reset-link"], None)
    assert "valable" not in said and "{" not in said
    assert said.startswith("Un lien de réinitialisation du mot de passe a été envoyé")


def test_texts_without_a_validity_are_unchanged() -> None:
    assert texts.with_validity(texts.DONE["logout"], "86400") == texts.DONE["logout"]
