"""The codes the API's bodies and parameters use, from the domain's enums."""
from tracker.domain.deadlines import DeadlineCode
from tracker.domain.history import FOREIGN_EVENTS, ReminderChannel
from tracker.domain.statuses import Kind, RefusalGround, Status

KINDS = tuple(k.value for k in Kind)
STATUSES = tuple(s.value for s in Status)
GROUNDS = tuple(g.value for g in RefusalGround)
CHANNELS = tuple(c.value for c in ReminderChannel)
EVENTS = tuple(e.value for e in FOREIGN_EVENTS)
DEADLINES = tuple(d.value for d in DeadlineCode)
