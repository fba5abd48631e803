"""Logs an operator can use: one JSON object per line (LOG_FORMAT "json", the default) or plain text ("text"), at
LOG_LEVEL, on standard error, where systemd's journal or the container's log collector takes them.

Every process logs the same way: the web workers one line per request (tracker/web/request_log.py), the job worker
one per job, the scheduler one per run, the mail one per message. A line carries ids and counts, never a password,
a token, a person's name or what a user typed: the fields a line may add to its message are the ones named below.
"""
import json
import logging
import sys
from datetime import UTC, datetime

# What a log line may say beyond its message; anything else given to a logger is left out.
FIELDS = ("event", "request_id", "method", "route", "status", "duration_ms", "user_id", "job_id", "kind", "state",
          "rows", "sent", "failed", "skipped", "mail", "attempt")

_MARK = "_tracker_handler"


class JsonFormatter(logging.Formatter):
    """A record as one line of JSON: time (UTC, ISO 8601), level, logger, message, the allowed fields, and the
    exception's type and traceback if there is one."""

    def format(self, record: logging.LogRecord) -> str:
        line = {"time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
                "level": record.levelname, "logger": record.name, "message": record.getMessage()}
        for name in FIELDS:
            if name in record.__dict__:
                line[name] = record.__dict__[name]
        if record.exc_info:
            line["error"] = record.exc_info[0].__name__ if record.exc_info[0] else ""
            line["traceback"] = self.formatException(record.exc_info)
        return json.dumps(line, ensure_ascii=False, default=str)


def configure_logging(config) -> None:
    """Sends every logger's records through one handler on standard error, in the configured format and level.
    Done once per process: an app made again (tests, commands) changes the format and level only."""
    root = logging.getLogger()
    handler = next((h for h in root.handlers if getattr(h, _MARK, False)), None)
    if handler is None:
        handler = logging.StreamHandler(sys.stderr)
        setattr(handler, _MARK, True)
        root.addHandler(handler)
    if config.get("LOG_FORMAT", "json") == "text":
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    else:
        handler.setFormatter(JsonFormatter())
    root.setLevel(config.get("LOG_LEVEL", "INFO"))
