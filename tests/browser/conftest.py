"""End-to-end tests in headless Chromium (Debian's package) driven by Playwright, against a
live server. Locally they skip when no Chromium is found; in CI (CI=true) that is a failure.
Screenshots go to test-artifacts/screenshots/ (not committed)."""

import os
import shutil
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in this thread; the test's own ORM calls for
# setting up data are still plain synchronous calls.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

# The marks of every browser test: a live server needs a transactional database, flushed
# between tests, so the seeded reference data is laid again.
BROWSERTEST = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("referentiegegevens"),
]
ROOT = Path(__file__).resolve().parents[2]
SCHERMAFDRUKKEN = ROOT / "test-artifacts" / "screenshots"
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
# WCAG 2.2 A and AA, which includes the 24x24 px target size.
AXE_REGELS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--lang=nl-NL",
]


def chromium_pad() -> str | None:
    for kandidaat in (
        os.environ.get("CHROMIUM_PATH"),
        shutil.which("chromium"),
        "/usr/bin/chromium",
        shutil.which("chromium-browser"),
    ):
        if kandidaat and Path(kandidaat).exists():
            return kandidaat
    return None


@pytest.fixture(scope="session")
def browser():
    pad = chromium_pad()
    if pad is None:
        melding = (
            "Geen Chromium gevonden (apt-get install chromium, of zet CHROMIUM_PATH); "
            "de browsertests zijn overgeslagen."
        )
        if os.environ.get("CI"):
            pytest.fail(melding.replace("overgeslagen", "verplicht in CI"))
        pytest.skip(melding)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=pad, args=ARGS)
        yield browser
        browser.close()


@pytest.fixture
def pagina(browser, live_server):
    # bypass_csp: axe-core is injected into the page; the app's own CSP allows no such script.
    context = browser.new_context(
        viewport={"width": 1280, "height": 900},
        locale="nl-NL",
        base_url=live_server.url,
        bypass_csp=True,
    )
    page = context.new_page()
    page.set_default_timeout(15000)
    yield page
    context.close()


@pytest.fixture
def pagina_met_csp(browser, live_server):
    """A page under the app's own Content-Security-Policy, for what the policy could break."""
    context = browser.new_context(
        viewport={"width": 1280, "height": 900}, locale="nl-NL", base_url=live_server.url
    )
    page = context.new_page()
    page.set_default_timeout(15000)
    yield page
    context.close()


def inloggen(page, gebruiker: str, wachtwoord: str = "geheim-wachtwoord-1"):
    page.goto("/inloggen/")
    page.get_by_label("Gebruikersnaam").fill(gebruiker)
    page.get_by_label("Wachtwoord").fill(wachtwoord)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_load_state()


def schermafdruk(page, naam: str):
    """The page at 1280 px and 375 px wide (a laptop and a phone)."""
    SCHERMAFDRUKKEN.mkdir(parents=True, exist_ok=True)
    for breedte in (1280, 375):
        page.set_viewport_size({"width": breedte, "height": 900})
        page.screenshot(path=SCHERMAFDRUKKEN / f"{naam}-{breedte}.png", full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})


def ontbreekt(melding: str):
    """Skip locally, fail in CI: what the browser tests need must be there in CI."""
    if os.environ.get("CI"):
        pytest.fail(melding + " (verplicht in CI)")
    pytest.skip(melding)


def axe(page) -> list[dict]:
    """Run axe-core on the page as it is; every violation with its rule and the elements."""
    if not AXE.exists():
        ontbreekt("axe-core ontbreekt: draai 'npm ci' (make test doet dat)")
    page.add_script_tag(path=str(AXE))
    uitkomst = page.evaluate(
        "regels => axe.run(document, {runOnly: {type: 'tag', values: regels}})", AXE_REGELS
    )
    return [
        {
            "regel": v["id"],
            "uitleg": v["help"],
            "elementen": [n["target"] for n in v["nodes"]][:5],
        }
        for v in uitkomst["violations"]
    ]


def horizontaal_scrollen(page) -> int:
    """How many pixels the page is wider than the window (0: no horizontal scroll)."""
    return page.evaluate(
        "() => Math.max(0, document.documentElement.scrollWidth - window.innerWidth)"
    )


@pytest.fixture
def download(pagina, tmp_path):
    """Click what starts a download and return the saved file's path."""

    def _download(klik) -> Path:
        with pagina.expect_download() as info:
            klik()
        pad = tmp_path / info.value.suggested_filename
        info.value.save_as(pad)
        return pad

    return _download
