"""Read a Keycloak page the way a person does: title, messages, fields and their errors."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urljoin

import requests
from bs4 import BeautifulSoup, Tag


@dataclass
class Page:
    response: requests.Response

    def __post_init__(self) -> None:
        self.soup = BeautifulSoup(self.response.text, "html.parser")

    @property
    def status(self) -> int:
        return self.response.status_code

    @property
    def url(self) -> str:
        return self.response.url

    @property
    def heading(self) -> str:
        h1 = self.soup.find("h1")
        return " ".join(h1.get_text(" ").split()) if h1 else ""

    @property
    def text(self) -> str:
        return " ".join(self.soup.get_text(" ").split())

    def text_of(self, element_id: str) -> str:
        node = self.soup.find(id=element_id)
        return _inline_text(node) if isinstance(node, Tag) else ""

    def field_error(self, name: str) -> str:
        return self.text_of(f"{name}-error")

    def boxes(self) -> list[str]:
        return [_inline_text(b) for b in self.soup.select(".me-box")]

    def box_text(self) -> str:
        return " | ".join(self.boxes())

    def link(self, text: str) -> str:
        for a in self.soup.find_all("a"):
            if " ".join(a.get_text(" ").split()) == text:
                return urljoin(self.url, str(a["href"]))
        raise AssertionError(f"no link {text!r} on {self.heading!r}: {[a.get_text() for a in self.soup.find_all('a')]}")

    def form(self, form_id: str | None = None) -> Tag:
        form = self.soup.find("form", id=form_id) if form_id else self.soup.find("form")
        if not isinstance(form, Tag):
            raise AssertionError(f"no form {form_id or ''} on page {self.heading!r}: {self.text[:300]}")
        return form

    def form_action(self, form_id: str | None = None) -> str:
        return urljoin(self.url, str(self.form(form_id)["action"]))

    def input_value(self, name: str) -> str | None:
        node = self.soup.find("input", attrs={"name": name})
        return str(node.get("value", "")) if isinstance(node, Tag) else None

    def has_field(self, name: str) -> bool:
        return self.soup.find(attrs={"name": name}) is not None

    def radio_values(self, name: str) -> list[str]:
        return [str(i["value"]) for i in self.soup.find_all("input", attrs={"type": "radio", "name": name})]

    def buttons(self) -> list[str]:
        return [" ".join(b.get_text(" ").split()) for b in self.soup.find_all("button")]


def _inline_text(node: Tag) -> str:
    """Text of a block whose children are inline (links, emphasis): no spaces invented around them."""
    return " ".join(node.get_text("").split())
