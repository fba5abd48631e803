"""A separate process writing to the register, for the concurrency test (run with multiprocessing)."""
import time


def write_for(url: str, instance: str, worker: int, seconds: float, shared_id: int, barrier, results) -> None:
    """Registers requests and edits one shared request for `seconds`; reports what it did and what failed."""
    import os
    os.environ["TRACKER_INSTANCE_PATH"] = instance
    from sqlalchemy.exc import OperationalError
    from sqlalchemy.orm.exc import StaleDataError

    from tracker import clock, create_app
    from tracker.domain.statuses import Kind
    from tracker.extensions import db
    from tracker.models import CrimeCategory, Request, User
    from tracker.services.errors import Conflict
    from tracker.services.requests import create_request, update_request, editable_fields

    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "x"})
    created, locked, errors = [], 0, []
    with app.app_context():
        user = db.session.scalar(db.select(User).where(User.email == "writer@prokuror.example"))
        category_id = db.session.scalar(db.select(CrimeCategory.id))
        db.session.rollback()
        # Both processes read the shared request at the same version, then save: one must win, one conflict.
        shared = db.session.get(Request, shared_id)
        version = shared.version
        data = {name: getattr(shared, name) for name in editable_fields(shared.kind)}
        data["summary"] = f"saved by worker {worker}"
        db.session.rollback()  # as a form: read in one request, saved in the next
        barrier.wait(timeout=60)
        try:
            shared = db.session.get(Request, shared_id)
            update_request(user, shared, data, expected_version=version, today=clock.today_local(), now=clock.now())
            db.session.commit()
            outcome = "saved"
        except (Conflict, StaleDataError):
            db.session.rollback()
            outcome = "conflict"
        except OperationalError as error:
            db.session.rollback()
            outcome = f"error: {error.orig}"
        number = 0
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            number += 1
            reference = f"W{worker}-{number}"
            fields = {"reference": reference, "country_code": "RU", "authority": "", "treaty_id": None,
                      "case_number": "217500031000001", "crime_category_id": category_id, "articles": "",
                      "summary": "", "in_custody": False}
            try:
                create_request(user, Kind.MLA, fields, owner=user, sent_on=clock.today_local(),
                               today=clock.today_local(), now=clock.now())
                db.session.commit()
                created.append(reference)
            except OperationalError as error:
                db.session.rollback()
                locked += "locked" in str(error.orig)
                errors.append(str(error.orig))
        db.engine.dispose()
    results.put({"worker": worker, "shared": outcome, "created": created, "locked": locked, "errors": errors[:5]})
