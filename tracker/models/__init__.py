"""Typed SQLAlchemy models of MLA Tracker, one module per area."""
from tracker.models.audit import AuditEntry
from tracker.models.deadlines import CalendarDay, DeadlineAlert, DeadlineRule, DigestDelivery, DigestState
from tracker.models.people import LoginThrottle, User
from tracker.models.reference import (ArrestStart, Country, CrimeCategory, Treaty, TreatyParty, TreatyScope,
                                      TreatyStatus, treaty_supersedes)
from tracker.models.requests import Request, RequestEvent

__all__ = ["AuditEntry", "CalendarDay", "DeadlineAlert", "LoginThrottle", "DeadlineRule", "DigestDelivery", "DigestState", "User", "Country", "CrimeCategory", "Treaty", "TreatyParty", "TreatyScope", "TreatyStatus", "ArrestStart",
           "treaty_supersedes", "Request",
           "RequestEvent"]
