"""Letters generated from the record: the request, a reminder, a supplementary-information cover, the statistics reply."""
from flask import Blueprint

bp = Blueprint("letters", __name__)


def letters_context(item) -> dict:
    """What the request's page offers of its letters."""
    return {}
