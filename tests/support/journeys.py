"""Drive the creation and recovery screens over HTTP, as their forms post."""

from __future__ import annotations

from dataclasses import dataclass

from tests.support.doctors import Doctor
from tests.support.oidc import Browser
from tests.support.pages import Page


@dataclass
class Journey:
    browser: Browser

    @property
    def page(self) -> Page:
        assert self.browser.page is not None
        return self.browser.page

    def open_creation(self) -> Page:
        login = self.browser.open_login()
        return self.browser.get(login.link("Créer votre espace"))

    def open_reset(self) -> Page:
        login = self.browser.open_login()
        return self.browser.get(login.link("Identifiants oubliés ?"))

    def open_recovery(self) -> Page:
        return self.browser.get(self.open_reset().link("Je ne connais plus mon adresse email"))

    def request_reset(self, email: str) -> Page:
        return self.browser.submit({"username": email})

    def identity(self, birth_date: str, rpps: str, cgu: bool = True) -> Page:
        data = {"birthDate": birth_date, "rpps": rpps}
        if cgu:
            data["cgu"] = "on"
        return self.browser.submit(data)

    def identify(self, doctor: Doctor) -> Page:
        return self.identity(doctor.typed_birth_date, doctor.rpps)

    def to_code_screen(self, doctor: Doctor, channel: str = "sms") -> Page:
        """Creation up to the code screen: identity accepted, the code sent on `channel`."""
        self.open_creation()
        page = self.identify(doctor)
        assert page.heading == "Sécuriser la création de votre espace", page.text
        page = self.choose(channel)
        assert page.heading == "Veuillez saisir le code reçu", page.text
        return page

    def choose(self, channel: str) -> Page:
        return self.browser.submit({"channel": channel, "action": "send"})

    def enter_code(self, code: str) -> Page:
        return self.browser.submit({"code": code, "action": "verify"})

    def resend(self) -> Page:
        return self.browser.submit({"action": "resend"})

    def back(self) -> Page:
        return self.browser.submit({"action": "back"})

    def credentials(
        self,
        password: str,
        email: str | None = None,
        email_confirm: str | None = None,
        password_confirm: str | None = None,
    ) -> Page:
        data = {
            "password": password,
            "passwordConfirm": password if password_confirm is None else password_confirm,
        }
        if email is not None:
            data["email"] = email
            data["emailConfirm"] = email if email_confirm is None else email_confirm
        return self.browser.submit(data)

    def finish(self) -> Page:
        return self.browser.submit({"action": "continue"})
