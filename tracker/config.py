"""Every setting of MLA Tracker, each with a safe default; overridden by instance/config.py and TRACKER_* variables."""
import os


class Defaults:
    """Settings used when nothing else says otherwise."""

    # Signing key for sessions and CSRF tokens; create_app() generates one under instance/ if unset.
    SECRET_KEY = None
    # Embedded default database; production uses postgresql+psycopg://user@host/db.
    SQLALCHEMY_DATABASE_URI = None
    # Checks a pooled connection before use, so a restarted PostgreSQL does not break the next page.
    SQLALCHEMY_ENGINE_OPTIONS = {"pool_pre_ping": True}
    # SQLite: commands and jobs take the write lock when their transaction begins (see tracker/database.py).
    SQLITE_IMMEDIATE_OUTSIDE_REQUESTS = True
    # Reverse proxies in front of the app (0: none). With 1, the client's address (used by the login
    # throttle) and HTTPS are read from the proxy's X-Forwarded-For/-Proto/-Host headers.
    PROXIES = 0
    # Rows per page in request lists.
    REQUESTS_PER_PAGE = 25
    # The register list counts a list of up to this many requests exactly on every page; a broader one is counted
    # once a minute and shown as "about" that many in between (tracker/services/list_counts.py).
    LIST_EXACT_COUNT_UP_TO = 50_000
    # Each web worker keeps the request list, pending by country and the request page as it wrote them, and shows
    # them again while nothing they show has changed (tracker/web/kept_pages.py); false writes every page afresh.
    KEEP_PAGES = True
    # A search reads the ids of up to this many matching requests from the index; a text more requests hold, in a
    # list sorted by a key (the last change, the registration number), is read in the list's order instead and
    # counted up to this many: the page then says "at least" that many (tracker/services/list_pages.py).
    LIST_SEARCH_COUNTED_UP_TO = 500
    # Languages of the interface, the first is the fallback.
    LANGUAGES = ("ru", "kk", "en")
    BABEL_DEFAULT_LOCALE = "ru"
    # Every date in the domain is counted in this calendar.
    BABEL_DEFAULT_TIMEZONE = "Asia/Almaty"
    # Serve Bootstrap from the installed package: the app works with no internet.
    BOOTSTRAP_SERVE_LOCAL = True
    # Session cookie: not readable by scripts, not sent on cross-site posts.
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    # Set True behind HTTPS so cookies are never sent in clear.
    SESSION_COOKIE_SECURE = False
    REMEMBER_COOKIE_HTTPONLY = True
    REMEMBER_COOKIE_SAMESITE = "Lax"
    # Largest upload accepted (an imported register); larger files get a clear "too large" page.
    MAX_CONTENT_LENGTH = 32 * 1024 * 1024
    # Rows an imported file may have (about 50 s of work); a longer register is imported in several files.
    IMPORT_MAX_ROWS = 100_000
    # A register file larger than this (bytes; about 2,000 rows) is checked or imported by a job worker, followed on
    # its page, rather than by the web worker that received it.
    IMPORT_DIRECT_BYTES = 512 * 1024
    # An export of the register up to this many rows is sent at once; a larger one is made by a job worker
    # (`flask --app tracker worker`), followed on its page and kept for a day, so that no web worker is held by it.
    EXPORT_DIRECT_ROWS = 5_000
    # The job worker lowers its own CPU priority by this much (nice), so that pages come first on a shared host.
    JOB_WORKER_NICENESS = 10
    # One scheduler is active at a time (tracker/jobs/leadership.py): a scheduler that finds another active tries
    # again this often (seconds), and the active one checks its lock and writes its beat this often.
    SCHEDULER_STANDBY_SECONDS = 10
    SCHEDULER_BEAT_SECONDS = 15
    # Logs on standard error: "json" (one object per line, for the journal or a log collector) or "text"; and the
    # lowest level written (DEBUG, INFO, WARNING, ERROR).
    LOG_FORMAT = "json"
    LOG_LEVEL = "INFO"
    # The bearer token Prometheus sends to read /metrics; None: /metrics is not served (404).
    METRICS_TOKEN = None
    # The metrics folders of the scheduler and job workers on this host (PROMETHEUS_MULTIPROC_DIR of each), separated
    # by ":", which /metrics adds to the web workers' own.
    METRICS_OTHER_FOLDERS = ""
    # /readyz answers unready when the active scheduler's last beat is older than this (seconds).
    READY_SCHEDULER_BEAT_SECONDS = 120
    # Stored documents of requests: a folder outside the database, files named by their SHA-256; None:
    # instance/attachments. Back it up with the database (README, "Documents").
    ATTACHMENTS_PATH = None
    # Largest document accepted, and largest upload of several documents at once (the page's and the API's).
    ATTACHMENT_MAX_BYTES = 25 * 1024 * 1024
    ATTACHMENT_UPLOAD_MAX_BYTES = 100 * 1024 * 1024
    # Days the file of a removed document is kept before an administrator may purge it (the office's choice, not
    # a rule of law: set it to the office's records-retention schedule).
    ATTACHMENT_RETENTION_DAYS = 5 * 365
    # Replacement letter templates (DOCX) an administrator uploaded; None: instance/letters.
    LETTER_TEMPLATES_PATH = None
    # The office as the sender of generated letters (nominative), and the title of whoever signs them (the user who
    # generates the letter); an empty one leaves that line of the letter empty.
    LETTER_OFFICE_KK = "Қазақстан Республикасының Бас прокуратурасы"
    LETTER_OFFICE_RU = "Генеральная прокуратура Республики Казахстан"
    LETTER_OFFICE_EN = "Prosecutor General's Office of the Republic of Kazakhstan"
    LETTER_SIGNATORY_TITLE_KK = "Прокурор"
    LETTER_SIGNATORY_TITLE_RU = "Прокурор"
    LETTER_SIGNATORY_TITLE_EN = "Prosecutor"
    # LibreOffice's program for PDF letters; None: `soffice` or `libreoffice` on PATH, and no PDF when neither is.
    SOFFICE = None
    # How passwords are hashed (werkzeug's method string). scrypt by default; the tests choose a cheap method so that
    # their thousands of logins do not each take a tenth of a second. A method's name, not a password (bandit's B105
    # goes by the setting's name).
    PASSWORD_HASH_METHOD = "scrypt"  # nosec B105
    # CSRF tokens stay valid for a working day's form.
    WTF_CSRF_TIME_LIMIT = 8 * 3600
    # Base address used in links inside emails.
    PUBLIC_URL = "http://127.0.0.1:5000"
    # Outgoing mail: SMTP when MAIL_SERVER is set, otherwise .eml files under instance/outbox/.
    MAIL_SERVER = None
    MAIL_PORT = 25
    # Upgrade the SMTP connection with STARTTLS before logging in.
    MAIL_USE_STARTTLS = False
    MAIL_USERNAME = None
    MAIL_PASSWORD = None
    MAIL_SENDER = "MLA Tracker <mla-tracker@localhost>"
    # Seconds to wait for the mail server before counting a message as failed.
    MAIL_TIMEOUT = 30
    # Webhook deliveries check the receiver's certificate against this CA bundle (a file path); None: the system's CAs.
    WEBHOOK_CA_BUNDLE = None
    # Weekly digests go out from this hour on Monday, Almaty time.
    DIGEST_HOUR = 8
    # Each digest section lists this many requests, most urgent first, and links to the rest.
    DIGEST_SECTION_LIMIT = 50
    # The office the statistics paragraph may name as the sender, in the form the sentence needs: Kazakh
    # nominative, Russian instrumental ("направлено Генеральной прокуратурой"), English. An empty one is not offered.
    STATISTICS_SENDER_KK = "Бас прокуратура"
    STATISTICS_SENDER_RU = "Генеральной прокуратурой"
    STATISTICS_SENDER_EN = "the Prosecutor General's Office"


def from_environment(environ=os.environ):
    """Settings given as TRACKER_NAME=value variables, with true/false/integers understood."""
    found = {}
    for key, raw in environ.items():
        if not key.startswith("TRACKER_") or key in ("TRACKER_PASSWORD", "TRACKER_TEST_DATABASE_URL"):
            continue
        name = key[len("TRACKER_"):]
        found[name] = _parse_value(raw)
    return found


def _parse_value(raw):
    """Reads 'true'/'false' and integers as such; anything else stays a string."""
    lowered = raw.strip().lower()
    if lowered in ("true", "false"):
        return lowered == "true"
    if lowered.isascii() and lowered.lstrip("-").isdigit():
        return int(lowered)
    return raw
