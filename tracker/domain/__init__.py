"""Plain-Python rules of MLA Tracker: statuses, permissions, checks; no Flask, no SQLAlchemy."""
