"""How long a failed login takes for an existing account and for an unknown e-mail (they should match).

    .venv/bin/python bench/login_timing.py [--runs 40]

Builds a throwaway SQLite database, creates one account and posts wrong passwords through the login page,
alternating the existing account and fresh unknown e-mails. The failure counts are cleared between attempts
(outside the timing) so no lockout shortens an answer. Prints the median, the 10th-90th percentile range
and the standard deviation of each, in milliseconds.
"""
import argparse
import os
import statistics
import tempfile
import time


def main() -> None:
    """Measures and prints."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=40, help="attempts of each kind (default 40)")
    runs = parser.parse_args().runs
    instance = tempfile.mkdtemp(prefix="tracker-login-timing-")
    os.environ["TRACKER_INSTANCE_PATH"] = instance

    import sqlalchemy as sa
    from flask_migrate import upgrade

    from tracker import clock, create_app
    from tracker.domain.people import Language, Role
    from tracker.extensions import db
    from tracker.models import AccountThrottle, LoginThrottle
    from tracker.services.users import create_user

    app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{instance}/timing.db", "SECRET_KEY": "timing",
                      "WTF_CSRF_ENABLED": False})
    with app.app_context():
        upgrade(directory=app.extensions["migrate"].directory)
        create_user("known@prokuror.example", "Known Person", Role.PROSECUTOR, Language.EN, "correct horse battery",
                    now=clock.now())
        db.session.commit()
    client = app.test_client()
    timings = {"existing account": [], "unknown e-mail": []}

    def attempt(email):
        with app.app_context(), db.engine.begin() as connection:
            connection.execute(sa.delete(AccountThrottle))
            connection.execute(sa.delete(LoginThrottle))
        start = time.perf_counter()
        response = client.post("/login", data={"email": email, "password": "not the password"})
        elapsed = (time.perf_counter() - start) * 1000
        assert response.status_code == 200, response.status_code
        return elapsed

    attempt("known@prokuror.example")  # warm-up: templates, the stand-in hash, the look-alike table
    attempt("warm-up@prokuror.example")
    for number in range(runs):
        timings["existing account"].append(attempt("known@prokuror.example"))
        timings["unknown e-mail"].append(attempt(f"nobody{number}@prokuror.example"))
    for kind, values in timings.items():
        deciles = statistics.quantiles(values, n=10)
        print(f"{kind:>16}: median {statistics.median(values):6.1f} ms, p10-p90 {deciles[0]:6.1f}-{deciles[-1]:6.1f} ms, "
              f"stdev {statistics.stdev(values):5.1f} ms over {len(values)} attempts")


if __name__ == "__main__":
    main()
