"""Which scheme each hash the portal may hold belongs to: hashes made by PHP, published vectors,
and damaged ones (the Keycloak providers' shape rules, mirrored)."""

from __future__ import annotations

import pytest

from legacy_import.hashes import Scheme, scheme_of
from tests.support.drupal import php_hashes

PUBLISHED = {
    "$S$C33783772bRXEx1aCsvY.dqgaaSu76XmVlKrW9Qu8IQlvxHlmzLf": Scheme.DRUPAL_SHA512,  # hashcat 7900
    "$P$984478476IagS59wHZvyQMArzfx58u.": Scheme.PHPASS_MD5,  # hashcat 400
    "$H$984478476IagS59wHZvyQMArzfx58u.": Scheme.PHPASS_MD5,
    "$2a$06$DCq7YPn5Rq63x1Lad4cll.TV4S6ytwfsfvkgY8jIucDrjc8deX1s.": Scheme.BCRYPT,  # jBCrypt
}


def test_hashes_php_makes_the_portals_way() -> None:
    requests = [("S", 15, "a"), ("S", 16, "b"), ("U", 15, "c"), ("H", 8, "d"), ("P", 13, "e"), ("2y", 10, "f"),
                ("2a", 5, "g"), ("2b", 5, "h")]  # fmt: skip
    expected = [Scheme.DRUPAL_SHA512] * 2 + [Scheme.DRUPAL_UPGRADED_MD5] + [Scheme.PHPASS_MD5] * 2 + [Scheme.BCRYPT] * 3
    assert [scheme_of(made) for made in php_hashes(requests)] == expected


@pytest.mark.parametrize(("published", "scheme"), PUBLISHED.items())
def test_published_vectors(published: str, scheme: Scheme) -> None:
    assert scheme_of(published) is scheme


@pytest.mark.parametrize(
    "damaged",
    [
        "$S$C33783772bRXEx1aCsvY.dqgaaSu76XmVlKrW9Qu8IQlvxHlmzL",  # one character short
        "$S$433783772bRXEx1aCsvY.dqgaaSu76XmVlKrW9Qu8IQlvxHlmzLf",  # 2^6 rounds: below phpass's 2^7
        "$S$C33783772bRXEx1aCsvY.dqgaaSu76XmVlKrW9Qu8IQlvxHlmz!f",
        "$P$984478476IagS59wHZvyQMArzfx58",
        "$2x$06$DCq7YPn5Rq63x1Lad4cll.TV4S6ytwfsfvkgY8jIucDrjc8deX1s.",  # buggy old bcrypt, never Drupal's
        "$2y$03$DCq7YPn5Rq63x1Lad4cll.TV4S6ytwfsfvkgY8jIucDrjc8deX1s.",
        "5f4dcc3b5aa765d61d8327deb882cf99",  # Drupal 6's plain MD5
        "sha1$a1976$a36cc8cbf81742a8fb52e221aaeab48ed7f58ab4",
        "",
        None,
    ],
)
def test_damaged_and_foreign_hashes_have_no_scheme(damaged: str | None) -> None:
    assert scheme_of(damaged) is None
