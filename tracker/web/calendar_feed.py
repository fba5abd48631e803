"""Each user's private calendar feed of due dates, turned on, shown and revoked from their account."""
from flask import Blueprint

bp = Blueprint("calendar_feed", __name__)
