"""Typed SQLAlchemy models of MLA Tracker, one module per area."""
from tracker.models.deadlines import DeadlineRule, DigestDelivery, DigestState
from tracker.models.people import User
from tracker.models.reference import Country, CrimeCategory, Treaty, TreatyScope, treaty_parties
from tracker.models.requests import Request, RequestEvent

__all__ = ["DeadlineRule", "DigestDelivery", "DigestState", "User", "Country", "CrimeCategory", "Treaty", "TreatyScope", "treaty_parties", "Request",
           "RequestEvent"]
