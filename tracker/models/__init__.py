"""Typed SQLAlchemy models of MLA Tracker, one module per area."""
from tracker.models.audit import AuditEntry
from tracker.models.deadlines import DeadlineAlert, DeadlineRule, DigestDelivery, DigestState
from tracker.models.people import LoginThrottle, User
from tracker.models.reference import Country, CrimeCategory, Treaty, TreatyScope, treaty_parties
from tracker.models.requests import Request, RequestEvent

__all__ = ["AuditEntry", "DeadlineAlert", "LoginThrottle", "DeadlineRule", "DigestDelivery", "DigestState", "User", "Country", "CrimeCategory", "Treaty", "TreatyScope", "treaty_parties", "Request",
           "RequestEvent"]
