"""Use-cases of MLA Tracker: load, apply a domain rule, record history; they flush, callers commit."""
