"""Headers that keep browsers strict with every page: no inline or foreign scripts, no framing, no sniffing,
no copies kept of what pages, exports and API answers show."""
from flask import Flask, request

# Scripts and styles come only from this site (Bootstrap is served locally); Bootstrap's CSS draws some
# controls with data: images. Nothing may frame the pages, and forms post only here.
CONTENT_SECURITY_POLICY = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                           "font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
                           "frame-ancestors 'none'")
HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
}


def init_app(app: Flask) -> None:
    """Adds the headers to every response that does not set them itself; only static files may be cached."""
    @app.after_request
    def _security_headers(response):
        for name, value in HEADERS.items():
            response.headers.setdefault(name, value)
        if not (_is_static_file() and response.status_code < 400):
            # Pages (error pages too), exports and API answers carry personal data: no browser, proxy or back
            # button keeps a copy.
            response.headers["Cache-Control"] = "no-store"
        if app.config.get("SESSION_COOKIE_SECURE"):
            response.headers.setdefault("Strict-Transport-Security", "max-age=31536000")
        return response


def _is_static_file() -> bool:
    """True for the app's and Bootstrap's static files (CSS, scripts), which keep Flask's caching."""
    endpoint = request.endpoint or ""
    return endpoint == "static" or endpoint.endswith(".static")
