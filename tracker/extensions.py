"""The Flask extensions of MLA Tracker, unbound until create_app() initialises them."""
from flask_babel import Babel, LazyString
from flask_bootstrap import Bootstrap5
from flask_login import LoginManager
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from flask_wtf import CSRFProtect
from markupsafe import Markup, escape
from sqlalchemy import MetaData
from sqlalchemy.orm import DeclarativeBase

# Named constraints so migrations can alter them on SQLite and PostgreSQL alike.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    """Declarative base carrying the naming convention."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)


db = SQLAlchemy(model_class=Base)
migrate = Migrate()
login_manager = LoginManager()
csrf = CSRFProtect()
babel = Babel()
bootstrap = Bootstrap5()


def _lazy_text_as_html(text: LazyString) -> Markup:
    """A lazily translated message put into a page: escaped, like any other text.

    Flask-Babel's lazy strings declare themselves ready-made HTML (`__html__` returns the text as it is), so a
    message formatted with what users typed, such as a treaty's short name in a deadline's rule or a request's
    number in "Request … registered.", reached pages and flashed messages unescaped. No message of MLA Tracker
    holds markup of its own: templates mark up around the words. (Flask's JSON takes this form of a lazy string
    too: the API answers with str() of its messages.)
    """
    return escape(str(text))


LazyString.__html__ = _lazy_text_as_html
