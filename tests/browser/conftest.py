"""The browser harness: one Debian chromium per test session, a fresh French context per test,
and `axe`, the check every browser test makes on every page it visits.

    def test_x(page: Page, axe: Axe, home: HomeServer) -> None:
        page.goto(home.url)
        ...
        axe("login")   # axe-core: no serious/critical violation; screenshot <test>-login.png

A test that loads a page and never checks it fails at teardown (`axe.repeat()` marks a page the
test already checked, e.g. the same form submitted again). Artefacts, git-ignored:
test-artifacts/screenshots/<test>-<step>.png and test-artifacts/axe/<test>-<step>.json.

Run them one at a time (the machine has 2 cores): `pytest tests/browser`.
"""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Generator, Iterator
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe as AxeRunner
from playwright.sync_api import Browser, Page, Playwright, sync_playwright

from provisioning.devstack.paths import ROOT

SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"
AXE_REPORTS = ROOT / "test-artifacts" / "axe"

#: Playwright cannot download its own browser here: Debian's chromium, with the flags that keep
#: it quiet in a container (no sandbox as root, no GPU, no background traffic).
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
BLOCKING_IMPACTS = ("serious", "critical")


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


@pytest.fixture(scope="session")
def playwright() -> Iterator[Playwright]:
    with sync_playwright() as running:
        yield running


@pytest.fixture(scope="session")
def chromium(playwright: Playwright) -> Iterator[Browser]:
    executable = shutil.which("chromium") or CHROMIUM
    if not Path(executable).exists():
        pytest.fail("Debian's chromium is needed for the browser tests: apt-get install chromium")
    browser = playwright.chromium.launch(executable_path=executable, headless=True, args=CHROMIUM_ARGS)
    yield browser
    browser.close()


@pytest.fixture
def page(chromium: Browser) -> Iterator[Page]:
    """A new context per test (no cookie shared), French like the doctors' browsers."""
    context = chromium.new_context(locale="fr-FR", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


class Axe:
    """axe-core on the current page, a screenshot of it, and the record of what was checked."""

    _runner = AxeRunner()

    def __init__(self, page: Page, test_name: str) -> None:
        self.page = page
        self.test_name = slug(test_name)
        self.loads = 0
        self.checked: set[int] = set()
        self.steps: list[str] = []
        page.on("load", self._loaded)

    def _loaded(self, _page: Page) -> None:
        self.loads += 1

    def __call__(self, step: str) -> None:
        """No serious or critical violation on the page as it is now; screenshot `<test>-<step>.png`."""
        name = f"{self.test_name}-{slug(step)}"
        if slug(step) in self.steps:
            raise AssertionError(f"step {step!r} checked twice in {self.test_name}: name steps apart")
        self.steps.append(slug(step))
        self.page.wait_for_load_state("load")
        self.screenshot(step)
        violations = self._runner.run(self.page).response["violations"]
        AXE_REPORTS.mkdir(parents=True, exist_ok=True)
        (AXE_REPORTS / f"{name}.json").write_text(json.dumps(violations, indent=2, ensure_ascii=False))
        self.checked.add(self.loads)
        blocking = [v for v in violations if v.get("impact") in BLOCKING_IMPACTS]
        details = "\n".join(
            f"- {v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:5]}" for v in blocking
        )
        assert not blocking, f"axe-core serious/critical violations on {step} ({self.page.url}):\n{details}"

    def screenshot(self, step: str) -> Path:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        path = SCREENSHOTS / f"{self.test_name}-{slug(step)}.png"
        self.page.screenshot(path=str(path), full_page=True)
        return path

    def repeat(self) -> None:
        """The page now shown is one this test already checked (same template, same state)."""
        self.page.wait_for_load_state("load")
        self.checked.add(self.loads)

    def unchecked(self) -> list[int]:
        return [n for n in range(1, self.loads + 1) if n not in self.checked]


@pytest.fixture
def axe(page: Page, request: pytest.FixtureRequest) -> Iterator[Axe]:
    checker = Axe(page, request.node.name)
    yield checker
    report = getattr(request.node, "rep_call", None)
    if report is not None and report.passed:
        missing = checker.unchecked()
        assert not missing, (
            f"{len(missing)} page load(s) never checked with axe (load numbers {missing}); "
            f"checked steps: {checker.steps}"
        )


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    # The axe fixture's teardown only blames unchecked pages when the test itself passed.
    report = yield
    if report.when == "call":
        item.rep_call = report  # type: ignore[attr-defined]
    return report
