"""Large exports as a user meets them: asked for from the list, made by a job worker outside the web workers, followed
on a page with its progress, stoppable, offered for a day to the one who asked and to nobody else."""
import io
import os
import subprocess
import sys
import threading
from datetime import timedelta

import pytest
import sqlalchemy as sa
from openpyxl import load_workbook

from tests.factories import make_request, make_unit, make_user, move_to
from tracker import clock
from tracker.domain.people import Language, Role
from tracker.extensions import db
from tracker.web.job_work import REQUESTS_EXPORT
from tracker.jobs.worker import run_job, run_worker
from tracker.models import AuditEntry, Job, JobFileChunk, JobState, PositionChange
from tracker.services import jobs as queue
from tracker.services import list_positions


@pytest.fixture
def small_direct_limit(app, monkeypatch):
    """Exports above two rows go to a job worker."""
    monkeypatch.setitem(app.config, "EXPORT_DIRECT_ROWS", 2)


def register(owner, count, prefix="J"):
    for number in range(count):
        make_request(owner, reference=f"{prefix}-{number:03d}")
    db.session.commit()


def ask_for_export(client, query="format=csv&sep=semicolon&sort=reference&dir=asc") -> Job:
    response = client.get(f"/requests/export?{query}")
    assert response.status_code == 302
    job_id = int(response.headers["Location"].rsplit("/", 1)[1])
    db.session.rollback()
    return db.session.get(Job, job_id)


def worker_command(app) -> str:
    """Runs `flask --app tracker worker --until-idle` on the tests' database, as deployed (the production settings);
    what it printed."""
    db.session.commit()
    env = dict(os.environ, TRACKER_INSTANCE_PATH=app.instance_path,
               TRACKER_SQLALCHEMY_DATABASE_URI=app.config["SQLALCHEMY_DATABASE_URI"])
    done = subprocess.run([sys.executable, "-m", "flask", "--app", "tracker", "worker", "--until-idle"], env=env,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    db.session.rollback()
    return done.stdout


def work_off(app):
    db.session.commit()
    done = run_worker(app, until_idle=True)
    db.session.rollback()
    return done


def test_a_large_export_is_made_by_the_worker_and_matches_the_direct_one(app, client, auth, small_direct_limit,
                                                                           monkeypatch):
    owner = make_user(Role.SUPERVISOR, language=Language.RU)
    register(owner, 7)
    auth.login(owner)
    job = ask_for_export(client)
    assert job.state == JobState.QUEUED and job.user_id == owner.id
    page = client.get(f"/jobs/{job.id}").get_data(as_text=True)
    assert "Ожидает обработчика." in page and "Выгрузка реестра" in page
    assert 'data-job-status="/jobs/%d/status"' % job.id in page
    monkeypatch.setattr(queue, "CHUNK", 100)  # the file is kept in several parts and read back whole
    assert work_off(app) == 1
    job = db.session.get(Job, job.id)
    assert job.state == JobState.DONE and (job.done, job.total) == (7, 7) and job.percent == 100
    assert db.session.scalar(sa.select(sa.func.count()).select_from(JobFileChunk)
                             .where(JobFileChunk.job_id == job.id)) > 2
    made = client.get(f"/jobs/{job.id}/download")
    assert made.status_code == 200 and made.mimetype == "text/csv"
    assert "filename*=UTF-8''requests-" in made.headers["Content-Disposition"]
    monkeypatch.setitem(app.config, "EXPORT_DIRECT_ROWS", 1000)
    direct = client.get("/requests/export?format=csv&sep=semicolon&sort=reference&dir=asc")
    assert made.get_data() == direct.get_data()
    assert made.get_data().decode("utf-8-sig").count("J-0") == 7


def test_the_next_page_announces_the_ready_file_once(app, client, auth, small_direct_limit):
    owner = make_user(Role.SUPERVISOR, language=Language.EN)
    register(owner, 3)
    auth.login(owner)
    job = ask_for_export(client, "format=xlsx")
    assert "Your file is ready" not in client.get("/requests").get_data(as_text=True)
    work_off(app)
    page = client.get("/requests").get_data(as_text=True)
    assert "Your file is ready: Export of the register." in page and f"/jobs/{job.id}/download" in page
    assert "Your file is ready" not in client.get("/requests").get_data(as_text=True)
    listing = client.get("/jobs").get_data(as_text=True)
    assert "Ready" in listing and f"/jobs/{job.id}/download" in listing
    workbook = load_workbook(io.BytesIO(client.get(f"/jobs/{job.id}/download").data), read_only=True)
    references = sorted(row[0] for row in workbook.worksheets[0].iter_rows(min_row=2, values_only=True))
    assert references == ["J-000", "J-001", "J-002"]


def test_the_same_export_asked_twice_while_waiting_is_one_job(client, auth, small_direct_limit):
    owner = make_user(Role.SUPERVISOR)
    register(owner, 3)
    auth.login(owner)
    first, second = ask_for_export(client), ask_for_export(client)
    assert first.id == second.id
    assert ask_for_export(client, "format=xlsx").id != first.id


def test_a_waiting_job_stopped_is_never_run(app, client, auth, small_direct_limit):
    from tests.conftest import csrf_token_from
    owner = make_user(Role.SUPERVISOR, language=Language.EN)
    register(owner, 3)
    auth.login(owner)
    job = ask_for_export(client)
    token = csrf_token_from(client.get(f"/jobs/{job.id}").get_data(as_text=True))
    page = client.post(f"/jobs/{job.id}/cancel", data={"csrf_token": token}, follow_redirects=True)
    assert "Stopped at your request" in page.get_data(as_text=True)
    assert work_off(app) == 0
    assert db.session.get(Job, job.id).state == JobState.CANCELLED
    assert client.get(f"/jobs/{job.id}/download").status_code == 404


def test_a_running_job_stops_at_its_next_report_of_progress(app, client, auth, small_direct_limit):
    owner = make_user(Role.SUPERVISOR)
    register(owner, 3)
    auth.login(owner)
    job = ask_for_export(client)
    assert queue.claim_next("test", clock.now()) == job.id
    queue.request_cancel(db.session.get(Job, job.id), clock.now())
    db.session.commit()
    assert run_job(app, job.id) == JobState.CANCELLED
    db.session.rollback()
    assert db.session.get(Job, job.id).file_size is None
    assert db.session.scalar(sa.select(sa.func.count()).select_from(JobFileChunk)) == 0


def test_nobody_else_sees_a_job_or_its_file(app, client, auth, small_direct_limit):
    owner = make_user(Role.SUPERVISOR, email="owner@prokuror.example")
    other = make_user(Role.CENTRAL, email="central@prokuror.example")
    register(owner, 3)
    auth.login(owner)
    job = ask_for_export(client)
    work_off(app)
    auth.logout()
    auth.login(other)
    for path in (f"/jobs/{job.id}", f"/jobs/{job.id}/status", f"/jobs/{job.id}/download"):
        assert client.get(path).status_code == 404, path
    assert client.post(f"/jobs/{job.id}/cancel").status_code in (400, 404)
    assert f"/jobs/{job.id}" not in client.get("/jobs").get_data(as_text=True)


def test_the_job_reads_what_its_user_may_see(app, client, auth, small_direct_limit):
    mine = make_user(Role.PROSECUTOR, email="mine@prokuror.example")
    theirs = make_user(Role.PROSECUTOR, email="theirs@prokuror.example")
    move_to(theirs, make_unit("Another department"))
    register(mine, 3, prefix="MINE")
    register(theirs, 4, prefix="THEIRS")
    auth.login(mine)
    job = ask_for_export(client)
    work_off(app)
    text = client.get(f"/jobs/{job.id}/download").get_data().decode("utf-8-sig")
    assert text.count("MINE-") == 3 and "THEIRS-" not in text


def test_the_status_says_how_far_the_job_is(client, auth, small_direct_limit):
    owner = make_user(Role.SUPERVISOR, language=Language.EN)
    register(owner, 4)
    auth.login(owner)
    job = ask_for_export(client)
    db.session.execute(sa.update(Job).where(Job.id == job.id).values(state=JobState.RUNNING, total=4, done=1))
    db.session.commit()
    status = client.get(f"/jobs/{job.id}/status").get_json()
    assert (status["state"], status["percent"], status["done"], status["total"]) == ("running", 25, 1, 4)
    assert "1 of 4 rows written." in status["html"] and 'value="25"' in status["html"]
    # The piece the page puts into its box closes what it opens, so the box holds all of it.
    assert status["html"].count("<div") == status["html"].count("</div>")
    page = client.get(f"/jobs/{job.id}").get_data(as_text=True)
    box = page[page.index('id="job-progress"'):page.index('id="job-cancel"')]
    assert box.count("<div") + 1 == box.count("</div>") and 'data-job-state="running"' in box


def test_a_failed_job_is_recorded_and_announced(app, client, auth):
    owner = make_user(Role.SUPERVISOR, language=Language.EN)
    auth.login(owner)
    # Asked with a sort the list no longer knows (the job was queued before an upgrade, say).
    job = queue.enqueue(REQUESTS_EXPORT, owner, [("sort", "no-such-column")], "en", clock.now())
    db.session.commit()
    with client.session_transaction() as session:
        session["watched_jobs"] = [job.id]
    work_off(app)
    failed = db.session.get(Job, job.id)
    assert failed.state == JobState.FAILED and failed.error.startswith("BadParameters")
    page = client.get("/requests").get_data(as_text=True)
    assert "A file you asked for could not be made: Export of the register." in page
    assert "BadParameters" not in page
    assert "The job failed" in client.get(f"/jobs/{job.id}").get_data(as_text=True)


def test_a_job_whose_worker_went_quiet_is_given_back_then_failed(app):
    owner = make_user(Role.SUPERVISOR)
    now = clock.now()
    job = queue.enqueue(REQUESTS_EXPORT, owner, [], "en", now)
    db.session.commit()
    for attempt in range(1, queue.MAX_ATTEMPTS + 1):
        assert queue.claim_next("gone", now) == job.id
        assert queue.requeue_stale(now + timedelta(seconds=30)) == 0  # still answering
        assert queue.requeue_stale(now + queue.STALE_AFTER + timedelta(seconds=1)) == 1
        expected = JobState.QUEUED if attempt < queue.MAX_ATTEMPTS else JobState.FAILED
        assert db.session.get(Job, job.id).state == expected
        db.session.rollback()


def test_files_past_their_day_are_deleted(app, client, auth, small_direct_limit):
    owner = make_user(Role.SUPERVISOR)
    register(owner, 3)
    auth.login(owner)
    job = ask_for_export(client)
    work_off(app)
    expires = db.session.get(Job, job.id).expires_at
    assert expires - clock.now() > timedelta(hours=23)
    assert queue.purge_expired(expires - timedelta(seconds=1)) == 0
    assert queue.purge_expired(expires + timedelta(seconds=1)) == 1
    assert db.session.scalar(sa.select(sa.func.count()).select_from(JobFileChunk)) == 0


def test_two_workers_never_take_the_same_job(app):
    owner = make_user(Role.SUPERVISOR)
    for _ in range(30):
        queue.enqueue("no-such-work", owner, [], "en", clock.now())
    db.session.commit()
    taken: dict[str, list[int]] = {"a": [], "b": []}

    def take(name):
        with app.app_context():
            while (job_id := queue.claim_next(name, clock.now())) is not None:
                taken[name].append(job_id)
            db.session.remove()

    threads = [threading.Thread(target=take, args=(name,)) for name in taken]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    every = taken["a"] + taken["b"]
    assert len(every) == 30 and len(set(every)) == 30


def test_the_worker_command_makes_the_file(app, client, auth, small_direct_limit):
    owner = make_user(Role.SUPERVISOR, language=Language.KK)
    register(owner, 5)
    auth.login(owner)
    job = ask_for_export(client, "format=xlsx")
    assert "1 jobs done" in worker_command(app)
    db.session.rollback()
    assert db.session.get(Job, job.id).state == JobState.DONE
    workbook = load_workbook(io.BytesIO(client.get(f"/jobs/{job.id}/download").data), read_only=True)
    assert len(list(workbook.worksheets[0].iter_rows(values_only=True))) == 6  # the headings and five requests


@pytest.fixture
def small_direct_import(app, monkeypatch):
    """Register files above 100 bytes go to a job worker."""
    monkeypatch.setitem(app.config, "IMPORT_DIRECT_BYTES", 100)


def upload(client, data, button):
    response = client.post("/import/requests", data={"file": (io.BytesIO(data), "register.csv"), button: "1"},
                           content_type="multipart/form-data")
    assert response.status_code == 302, response.get_data(as_text=True)
    db.session.rollback()
    return db.session.get(Job, int(response.headers["Location"].rsplit("/", 1)[1]))


def test_a_large_register_file_is_checked_then_imported_by_the_worker(app, client, auth, small_direct_import):
    from tests.test_imports import count_requests, csv_bytes, mla_row
    supervisor = make_user(Role.SUPERVISOR, language=Language.EN, email="chief@prokuror.example")
    prosecutor = make_user(Role.PROSECUTOR, email="p1@prokuror.example")
    data = csv_bytes([mla_row(f"UP-{number}", prosecutor) for number in range(6)])
    assert len(data) > 100
    auth.login(supervisor)
    checked = upload(client, data, "check")
    assert checked.kind == "requests-import" and db.session.scalar(
        sa.select(sa.func.count()).select_from(JobFileChunk).where(JobFileChunk.job_id == checked.id)) == 1
    work_off(app)
    page = client.get(f"/jobs/{checked.id}").get_data(as_text=True)
    assert "Check only: nothing was written." in page and "<dd class=\"col-sm-7\">6</dd>" in page
    assert "Check of a register file" in page and f"/jobs/{checked.id}/download" not in page
    assert count_requests() == 0
    imported = upload(client, data, "submit")
    work_off(app)
    page = client.get(f"/jobs/{imported.id}").get_data(as_text=True)
    assert "Imported 6 new requests." in page and "Done." in page
    assert count_requests() == 6
    # The job set the whole register's stretches again after writing: one count per stretch, holding the six.
    assert list_positions.live_requests() == 6 and list_positions.differences() == []
    assert db.session.scalar(sa.select(sa.func.count()).select_from(PositionChange)) == len(list_positions.blocks())
    # The requests are recorded as the supervisor's, from the web; the uploaded file is not kept.
    entries = db.session.scalars(sa.select(AuditEntry).where(AuditEntry.entity == "requests")).all()
    assert {(entry.actor_id, entry.source) for entry in entries} == {(supervisor.id, "web")} and len(entries) == 6
    assert db.session.scalar(sa.select(sa.func.count()).select_from(JobFileChunk)) == 0
    assert client.get(f"/jobs/{imported.id}/download").status_code == 404


def test_a_large_file_with_a_bad_row_imports_nothing_and_says_why(app, client, auth, small_direct_import):
    from tests.test_imports import count_requests, csv_bytes, mla_row
    supervisor = make_user(Role.SUPERVISOR, language=Language.RU, email="chief@prokuror.example")
    prosecutor = make_user(Role.PROSECUTOR, email="p1@prokuror.example")
    data = csv_bytes([mla_row("UP-1", prosecutor), mla_row("UP-2", prosecutor, country="Atlantis")] +
                     [mla_row(f"UP-{number}", prosecutor) for number in range(3, 8)])
    auth.login(supervisor)
    job = upload(client, data, "submit")
    work_off(app)
    page = client.get(f"/jobs/{job.id}").get_data(as_text=True)
    assert "<td>3</td><td>country</td>" in page and "Ничего не импортировано" in page
    assert count_requests() == 0


def test_an_import_stopped_part_way_writes_nothing(app, client, auth, small_direct_import, monkeypatch):
    """On PostgreSQL a running import reads the stop flag as it goes and undoes what it wrote. On SQLite it holds the
    one write lock until it ends, so its page offers no Stop once it runs, and a stop sent anyway is refused."""
    from tests.conftest import csrf_token_from
    from tests.test_imports import count_requests, csv_bytes, mla_row
    supervisor = make_user(Role.SUPERVISOR, language=Language.EN, email="chief@prokuror.example")
    prosecutor = make_user(Role.PROSECUTOR, email="p1@prokuror.example")
    data = csv_bytes([mla_row(f"UP-{number}", prosecutor) for number in range(40)])
    auth.login(supervisor)
    job = upload(client, data, "submit")
    token = csrf_token_from(client.get(f"/jobs/{job.id}").get_data(as_text=True))
    assert queue.claim_next("test", clock.now()) == job.id
    page = client.get(f"/jobs/{job.id}").get_data(as_text=True)
    if db.engine.dialect.name == "sqlite":
        assert 'id="job-cancel"' not in page
        refused = client.post(f"/jobs/{job.id}/cancel", data={"csrf_token": token}, follow_redirects=True)
        assert "cannot be stopped" in refused.get_data(as_text=True)
        db.session.rollback()
        assert not db.session.get(Job, job.id).cancel_requested
        return
    assert 'id="job-cancel"' in page
    reports = []
    original = queue.Progress.report

    def report(self, done, *, force=False):
        # The user presses Stop when the import has read 20 rows.
        if done == 20 and not reports:
            reports.append(done)
            assert client.post(f"/jobs/{job.id}/cancel", data={"csrf_token": token}).status_code == 302
        return original(self, done, force=True)

    monkeypatch.setattr(queue.Progress, "report", report)
    assert run_job(app, job.id) == JobState.CANCELLED
    db.session.rollback()
    assert reports == [20] and count_requests() == 0
    assert db.session.scalar(sa.select(sa.func.count()).select_from(JobFileChunk)) == 0


def test_the_worker_command_imports_a_large_file_with_production_settings(app, client, auth, small_direct_import):
    """The worker as deployed: on SQLite its import holds the write lock from its first statement, reads the stop
    flag beside it and is not taken for orphaned."""
    from tests.test_imports import count_requests, csv_bytes, mla_row
    supervisor = make_user(Role.SUPERVISOR, email="chief@prokuror.example")
    prosecutor = make_user(Role.PROSECUTOR, email="p1@prokuror.example")
    auth.login(supervisor)
    job = upload(client, csv_bytes([mla_row(f"UP-{number}", prosecutor) for number in range(600)]), "submit")
    assert "1 jobs done" in worker_command(app)
    ended = db.session.get(Job, job.id)
    assert ended.state == JobState.DONE and '"written": true' in ended.result
    assert count_requests() == 600


def test_a_job_of_a_user_deactivated_or_demoted_since_fails(app, client, auth, small_direct_limit,
                                                             small_direct_import):
    from tests.test_imports import count_requests, csv_bytes, mla_row
    supervisor = make_user(Role.SUPERVISOR, email="chief@prokuror.example")
    prosecutor = make_user(Role.PROSECUTOR, email="p1@prokuror.example")
    register(supervisor, 3)
    auth.login(supervisor)
    export = ask_for_export(client)
    imported = upload(client, csv_bytes([mla_row(f"UP-{number}", prosecutor) for number in range(6)]), "submit")
    db.session.get(type(supervisor), supervisor.id).role = Role.PROSECUTOR
    db.session.commit()
    work_off(app)
    assert db.session.get(Job, imported.id).state == JobState.FAILED and count_requests() == 3
    assert db.session.get(Job, export.id).state == JobState.DONE  # a prosecutor may still export what they see
    again = queue.enqueue(REQUESTS_EXPORT, supervisor, [], "en", clock.now())
    db.session.get(type(supervisor), supervisor.id).active = False
    db.session.commit()
    work_off(app)
    assert db.session.get(Job, again.id).state == JobState.FAILED


def test_exports_asked_for_at_the_same_moment_are_all_queued(app, small_direct_limit):
    """Two users' pages queue exports at once: each look for the same job and its queuing take the write lock first,
    so SQLite never refuses one ("database is locked") for a snapshot the other made stale."""
    from tests.factories import PASSWORD
    users = [make_user(Role.SUPERVISOR, email=f"chief{number}@prokuror.example") for number in range(2)]
    register(users[0], 3)
    clients = []
    for user in users:
        client = app.test_client()
        assert client.post("/login", data={"email": user.email, "password": PASSWORD}).status_code == 302
        clients.append(client)
    answers: list[int] = []

    def ask(client):
        for sort in ("reference", "country", "status", "sent_on", "due_on", "updated") * 2:
            for direction in ("asc", "desc"):
                answers.append(client.get(f"/requests/export?format=csv&sort={sort}&dir={direction}").status_code)

    threads = [threading.Thread(target=ask, args=(client,)) for client in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert len(answers) == 48 and set(answers) == {302}
    db.session.rollback()
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Job)) == 24  # each asked twice: one job


def test_a_worker_that_lost_its_job_changes_nothing_when_it_ends_after_all(app):
    owner = make_user(Role.SUPERVISOR)
    now = clock.now()
    job = queue.enqueue(REQUESTS_EXPORT, owner, [], "en", now)
    db.session.commit()
    assert queue.claim_next("slow", now) == job.id  # take 1
    assert queue.requeue_stale(now + queue.STALE_AFTER + timedelta(seconds=1)) == 1
    assert queue.claim_next("second", now) == job.id  # take 2
    made = queue.JobFile(io.BytesIO(b"late"), "requests.csv", "text/csv")
    assert queue.finish(job.id, queue.Outcome(file=made), clock.now(), attempt=1) is False
    queue.end(job.id, JobState.FAILED, clock.now(), error="late", attempt=1)
    taken = db.session.get(Job, job.id)
    assert (taken.state, taken.worker, taken.error, taken.file_size) == (JobState.RUNNING, "second", "", None)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(JobFileChunk)) == 0


def test_a_long_step_keeps_its_worker_alive(app, monkeypatch):
    """A job that reports no progress for a while (a workbook being closed) still beats, so it is not taken back."""
    import time
    from tracker.jobs import worker

    def slow(job, progress):
        time.sleep(0.6)
        return queue.Outcome(result={"slept": True})

    monkeypatch.setitem(queue.KINDS, "slow", queue.Work(slow, reads_only=True))
    monkeypatch.setattr(worker, "HEARTBEAT_SECONDS", 0.1)
    beats = []
    original = queue.beat
    monkeypatch.setattr(queue, "beat", lambda job_id, attempt, now: beats.append(now) or original(job_id, attempt, now))
    owner = make_user(Role.SUPERVISOR)
    job = queue.enqueue("slow", owner, [], "en", clock.now())
    db.session.commit()
    assert work_off(app) == 1
    assert len(beats) >= 3 and db.session.get(Job, job.id).state == JobState.DONE


def test_a_job_stopped_while_its_worker_was_gone_is_not_given_back(app):
    owner = make_user(Role.SUPERVISOR)
    now = clock.now()
    job = queue.enqueue(REQUESTS_EXPORT, owner, [], "en", now)
    db.session.commit()
    assert queue.claim_next("gone", now) == job.id
    queue.request_cancel(db.session.get(Job, job.id), now)
    db.session.commit()
    assert queue.requeue_stale(now + queue.STALE_AFTER + timedelta(seconds=1)) == 1
    assert db.session.get(Job, job.id).state == JobState.CANCELLED
    assert queue.claim_next("next", now) is None
