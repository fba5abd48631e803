"""MLA Tracker: the register of outgoing mutual legal assistance and extradition requests."""
import os
import secrets
from pathlib import Path

from flask import Flask

from tracker import config
from tracker.logs import configure_logging
from tracker.extensions import babel, bootstrap, csrf, db, login_manager, migrate

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def create_app(test_config: dict | None = None) -> Flask:
    """Builds the web application: settings in layers, then extensions, blueprints, errors, commands."""
    app = Flask(__name__, instance_path=os.environ.get("TRACKER_INSTANCE_PATH") or str(PROJECT_ROOT / "instance"),
                instance_relative_config=True, template_folder=str(PROJECT_ROOT / "templates"))
    load_settings(app, test_config)
    configure_logging(app.config)
    register_extensions(app)
    register_blueprints(app)
    register_errorhandlers(app)
    register_commands(app)
    proxies = app.config.get("PROXIES", 0)
    if proxies:  # behind nginx or similar: the client's address and scheme come from its X-Forwarded-* headers
        from werkzeug.middleware.proxy_fix import ProxyFix

        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=proxies, x_proto=proxies, x_host=proxies)
    return app


def load_settings(app: Flask, test_config: dict | None) -> None:
    """Defaults, then instance/config.py, then TRACKER_* variables, then the tests' own settings."""
    app.config.from_object(config.Defaults)
    app.config.from_pyfile("config.py", silent=True)
    app.config.update(config.from_environment())
    if test_config:
        app.config.update(test_config)
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)
    if not app.config.get("SQLALCHEMY_DATABASE_URI"):
        app.config["SQLALCHEMY_DATABASE_URI"] = f"sqlite:///{Path(app.instance_path) / 'tracker.db'}"
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = _instance_secret(Path(app.instance_path) / "secret_key")


def _instance_secret(path: Path) -> str:
    """A random key kept under instance/ so sessions survive restarts without a configured key.

    Several web workers may start at once: the file is created exclusively and written in one go under a
    temporary name, so they all end up reading the same key.
    """
    if not path.exists():
        temporary = path.with_name(f".{path.name}.{os.getpid()}")
        temporary.write_text(secrets.token_hex(32))
        temporary.chmod(0o600)
        try:
            os.link(temporary, path)  # fails if another worker got there first
        except FileExistsError:
            pass
        finally:
            temporary.unlink()
    return path.read_text().strip()


def register_extensions(app: Flask) -> None:
    """Binds the unbound extensions to this app."""
    from tracker.database import configure_engine
    from tracker.web.i18n import install_template_translations, select_locale, select_timezone

    db.init_app(app)
    configure_engine(app)
    migrate.init_app(app, db, directory=str(PROJECT_ROOT / "migrations"), render_as_batch=True,
                     compare_type=True)
    login_manager.init_app(app)
    csrf.init_app(app)
    babel.init_app(app, locale_selector=select_locale, timezone_selector=select_timezone,
                   default_translation_directories=str(Path(__file__).parent / "translations"))
    install_template_translations(app)
    bootstrap.init_app(app)


def register_blueprints(app: Flask) -> None:
    """Mounts the web areas."""
    from tracker.web import (admin, api, attachments, auth, calendar_feed, dashboard, health, imports, jobs, letters,
                             params, reports, request_log, requests, security, templating, tokens)
    from tracker.web import admin_reads  # noqa: F401  (adds the log of personal-data reads to the admin pages)
    from tracker.web import admin_webhooks  # noqa: F401  (adds the webhooks' pages to the admin pages)

    params.init_app(app)  # first: the routes' ids take its bounds as the blueprints add them
    request_log.init_app(app)
    templating.init_app(app)
    security.init_app(app)
    jobs.init_app(app)
    for blueprint in (auth.bp, dashboard.bp, requests.bp, reports.bp, admin.bp, imports.bp, api.bp, tokens.bp,
                      attachments.bp, letters.bp, calendar_feed.bp, jobs.bp, health.bp):
        app.register_blueprint(blueprint)


def register_errorhandlers(app: Flask) -> None:
    """Error pages in the user's language."""
    from tracker.web import errors

    errors.init_app(app)


def register_commands(app: Flask) -> None:
    """The flask CLI commands."""
    from tracker import cli

    cli.init_app(app)
