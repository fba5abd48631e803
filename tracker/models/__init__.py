"""Typed SQLAlchemy models of MLA Tracker, one module per area."""
from tracker.models.api import ApiToken, IdempotentCall, TokenScope, Webhook, WebhookDelivery
from tracker.models.attachments import Attachment, CalendarFeed
from tracker.models.audit import AuditEntry, PersonalDataRead
from tracker.models.deadlines import (CalendarDay, DeadlineAlert, DeadlineRefresh, DeadlineRule, DigestDelivery,
                                      DigestState)
from tracker.models.jobs import Job, JobFileChunk, JobState, SchedulerBeat
from tracker.models.people import AccountThrottle, LoginThrottle, Unit, User, unit_heads
from tracker.models.reference import (ArrestStart, Country, CrimeCategory, ReferenceVersion, Treaty, TreatyParty, TreatyScope,
                                      TreatyStatus, treaty_supersedes)
from tracker.models.requests import (MonthEnd, MonthEndStatus, PositionBlock, PositionChange, RegisterVersion, Request,
                                     RequestEvent)

__all__ = ["Job", "JobFileChunk", "JobState", "SchedulerBeat", "Attachment", "CalendarFeed", "ApiToken", "IdempotentCall", "TokenScope", "Webhook", "WebhookDelivery", "AccountThrottle", "AuditEntry", "PersonalDataRead", "Unit", "unit_heads", "CalendarDay", "DeadlineAlert", "DeadlineRefresh", "LoginThrottle", "DeadlineRule", "DigestDelivery", "DigestState", "User", "Country", "CrimeCategory", "Treaty", "TreatyParty", "TreatyScope", "TreatyStatus", "ArrestStart", "ReferenceVersion",
           "treaty_supersedes", "MonthEnd", "PositionBlock", "PositionChange", "MonthEndStatus", "RegisterVersion",
           "Request",
           "RequestEvent"]
