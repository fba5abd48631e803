"""What every page writes around its content, kept by each web worker: the style sheets and scripts, and the menu.

The menu (templates/_page_top.html) names the pages this user's role may open, marks the one shown, and holds the
language switch and the logout button. Written on every page it took about a millisecond, as much as the rest of
the framework's work for a bare route. It is now written once per worker for what it is made of: the language,
whether someone is logged in, their role, and the page's endpoint. What differs from page to page
within those (the CSRF token, the address the language switch returns to, the user's name) is written there as a
mark, and each page puts its own in its place, escaped.
"""
import re
import secrets

from flask import g, render_template, request
from flask_login import current_user
from flask_wtf.csrf import generate_csrf
from markupsafe import Markup, escape

from tracker import labels
from tracker.web.kept import kept

# Menus a worker keeps: about 6 kB each, one per language, role and page kind lately shown.
KEPT_MENUS = 1024
# Where the per-page values go: text no page writes, new in each worker (hexadecimal, so escaping leaves it whole).
_MARK = secrets.token_hex(16)
_MARKS = {"token": f"{_MARK}t", "next_path": f"{_MARK}n", "user_name": f"{_MARK}u"}
_FILLED = re.compile(f"({_MARK}[tnu])")


def page_head() -> Markup:
    """The style sheets and the page's script, the same on every page of the app."""
    return Markup(kept("page_chrome", KEPT_MENUS).get_or_make(  # nosec B704: a template's output
        ("head", request.script_root), lambda: render_template("_page_head.html")))


def page_scripts() -> Markup:
    """Bootstrap's script, at the end of every page."""
    return Markup(kept("page_chrome", KEPT_MENUS).get_or_make(  # nosec B704: a template's output
        ("scripts", request.script_root), lambda: render_template("_page_scripts.html")))


def page_top() -> Markup:
    """The menu above the page, for this user and this page."""
    signed_in = bool(current_user and current_user.is_authenticated)
    role = current_user.role if signed_in else None
    # The blueprint the menu also reads is the first part of the endpoint's name.
    key = ("top", request.script_root, labels.language(), signed_in, role, request.endpoint)
    written = kept("page_chrome", KEPT_MENUS).get_or_make(key, lambda: render_template("_page_top.html", **_MARKS))
    if g.get("chrome_filled_later"):
        # A page kept whole (tracker/web/kept_pages.py) is kept with the marks, and each showing fills them.
        return Markup(written)  # nosec B704: a template's output
    return Markup(filled(written))  # nosec B704: the marks' values are escaped


def filled(written: str) -> str:
    """`written` with the menu's marks replaced by this page's values, escaped, in one pass: a value holding
    another mark's text stays as written."""
    values = _values()
    return _FILLED.sub(lambda found: values[found.group(0)], written)


def cut_at_marks(written: str) -> tuple[str, ...]:
    """A page written with the menu's marks, its forms' CSRF token (this session's) marked too, cut at the marks for
    filled_in(): text, mark, text, ..., mark, text."""
    return tuple(_FILLED.split(written.replace(generate_csrf(), _MARKS["token"])))


def filled_in(parts: tuple[str, ...]) -> str:
    """What cut_at_marks() cut, put together with this page's values in place of the marks, escaped."""
    values = _values()
    # Every second part is a mark.
    return "".join(values[part] if index % 2 else part for index, part in enumerate(parts))


def _values() -> dict:
    """This page's value for each mark, escaped."""
    signed_in = bool(current_user and current_user.is_authenticated)
    return {_MARKS["token"]: escape(generate_csrf()),
            _MARKS["next_path"]: escape(request.full_path if request.query_string else request.path),
            _MARKS["user_name"]: escape(current_user.name) if signed_in else ""}
