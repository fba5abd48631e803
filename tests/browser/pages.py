"""What the browser tests do alike: log in (and choose the pages' language), read a message as a page shows it,
keep a screenshot, collect complaints about the Content-Security-Policy."""
from flask_babel import force_locale, gettext

from tests.browser.conftest import ARTIFACTS
from tests.factories import PASSWORD


def text(language, message, **values):
    """One of MLA Tracker's messages as the page shows it in `language`."""
    with force_locale(language):
        return gettext(message, **values)


def shot(page, name):
    """A full-page screenshot under test-artifacts/browser/, kept for people to look at."""
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def csp_violations(page):
    """Collects the page's complaints about the Content-Security-Policy: there must be none."""
    found = []
    page.on("console", lambda message: found.append(message.text) if "Content Security Policy" in message.text
            else None)
    return found


def log_in(page, base, user, language=None):
    """Logs `user` in through the login form; with `language`, then switches the pages to it with the header's
    language form, as a user does."""
    page.goto(f"{base}/login")
    page.fill("#email", user.email)
    page.fill("#password", PASSWORD)
    with page.expect_navigation():
        page.press("#password", "Enter")
    assert "/login" not in page.url
    if language is None:
        return
    with page.expect_navigation():
        page.evaluate("""(language) => { const button = document.querySelector(
            'form[action$="/language"] button[value="' + language + '"]'); button.form.requestSubmit(button); }""",
                      language)
    assert page.get_attribute("html", "lang") == language
