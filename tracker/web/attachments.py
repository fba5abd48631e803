"""A request's documents on its page: upload, list, download, and removal by a supervisor."""
from flask import Blueprint

bp = Blueprint("attachments", __name__)


def attachments_context(item) -> dict:
    """What the request's page shows of its documents."""
    return {}
