"""The scheduler killed (SIGKILL) in the middle of a digest run, then restarted: one digest per recipient."""
import asyncio
import os
import signal
import subprocess
import sys
import time
from email import message_from_bytes, policy

import pytest
import sqlalchemy as sa

from tests.conftest import POSTGRES_URL
from tests.smtp import SmtpServer
from tests.test_production import flask
from tracker import clock
from tracker.jobs.tasks import digest_due

pytestmark = pytest.mark.skipif(bool(POSTGRES_URL), reason="runs its own SQLite database and scheduler processes")
RECIPIENTS = {"a.seitkali@prokuror.example", "d.ivanov@prokuror.example", "n.omarov@prokuror.example",
              "s.bekova@prokuror.example"}


class CarefulInbox:
    """Accepts a message only if the client is still there to hear the 250, as a mail server must."""

    def __init__(self, delay: float):
        self.delay = delay
        self.accepted, self.dropped, self.started = [], 0, 0

    async def handle_DATA(self, server, session, envelope):
        self.started += 1
        await asyncio.sleep(self.delay)  # a slow server: the run is killed while waiting on it
        if server.transport is None or server.transport.is_closing():
            self.dropped += 1
            return "451 Client went away; message not accepted"
        self.accepted.append((list(envelope.rcpt_tos), message_from_bytes(envelope.content, policy=policy.default)))
        return "250 Message accepted for delivery"

    def forget(self):
        """Starts counting afresh."""
        self.accepted, self.dropped, self.started = [], 0, 0

    def recipients(self):
        return [address for addresses, _ in self.accepted for address in addresses]


def wait_until(condition, seconds):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return False


def test_a_killed_digest_run_is_finished_by_the_restarted_scheduler_without_duplicates(tmp_path):
    if not digest_due(clock.now(), 8):
        pytest.skip("this week's digests are not due before Monday 08:00 in Almaty")
    instance = tmp_path / "instance"
    instance.mkdir()
    database = f"sqlite:///{instance / 'tracker.db'}"
    smtp = SmtpServer()
    smtp.inbox = CarefulInbox(delay=0.6)
    smtp.start()
    env = dict(os.environ, TRACKER_INSTANCE_PATH=str(instance), TRACKER_SQLALCHEMY_DATABASE_URI=database,
               TRACKER_MAIL_SERVER="127.0.0.1", TRACKER_MAIL_PORT=str(smtp.port))
    env.pop("TRACKER_TEST_DATABASE_URL", None)
    try:
        flask(env, "db", "upgrade")
        flask(env, "seed")
        flask(env, "demo")
        flask(env, "deadlines", "refresh")
        # Today's custody deadline alerts go out first, so the scheduler's alert job finds them sent and this
        # test watches the digests alone.
        flask(env, "alerts", "send")
        smtp.inbox.forget()
        first = subprocess.Popen([sys.executable, "-m", "flask", "--app", "tracker", "scheduler"], env=env,
                                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        # Killed mid-run while it waits for the server to take the third digest, where a sender spends its time.
        assert wait_until(lambda: smtp.inbox.started >= 3, 60), "the first run never got going"
        os.kill(first.pid, signal.SIGKILL)
        first.wait(timeout=10)
        time.sleep(smtp.inbox.delay * 2)  # the server never takes the third: its sender is gone
        assert len(smtp.inbox.accepted) == 2
        second = subprocess.Popen([sys.executable, "-m", "flask", "--app", "tracker", "scheduler"], env=env,
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            assert wait_until(lambda: set(smtp.inbox.recipients()) >= RECIPIENTS, 60), smtp.inbox.recipients()
            time.sleep(1.5)  # room for any duplicate to arrive
        finally:
            second.terminate()
            second.wait(timeout=30)
    finally:
        smtp.stop()
    sent_to = smtp.inbox.recipients()
    assert sorted(sent_to) == sorted(RECIPIENTS)  # exactly one each
    message_ids = {message["Message-ID"] for _, message in smtp.inbox.accepted}
    assert len(message_ids) == len(RECIPIENTS)
    engine = sa.create_engine(database)
    with engine.connect() as connection:
        states = connection.execute(sa.text("SELECT state, count(*) FROM digest_deliveries GROUP BY state")).all()
    engine.dispose()
    assert dict(states) == {"sent": len(RECIPIENTS)}
