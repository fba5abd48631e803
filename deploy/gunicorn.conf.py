"""gunicorn's settings for an MLA Tracker app host (`gunicorn -c deploy/gunicorn.conf.py "tracker:create_app()"`).

Workers and the address come from the command line or GUNICORN_CMD_ARGS (deploy/systemd/mla-tracker-web.service);
these are what every host shares.
"""
import os
import shutil
from pathlib import Path

# The longest answers: an import of the largest file accepted directly, a report export. Larger exports and imports
# are made by the job worker.
timeout = 180
graceful_timeout = 30
# Behind nginx only (it sets the forwarded headers the app trusts with TRACKER_PROXIES=1).
forwarded_allow_ips = "127.0.0.1"


def on_starting(server):
    """Empties the metrics folder: counts left by a host's earlier run would be added to this one's."""
    folder = os.environ.get("PROMETHEUS_MULTIPROC_DIR")
    if folder:
        shutil.rmtree(folder, ignore_errors=True)
        Path(folder).mkdir(parents=True, exist_ok=True)


def child_exit(server, worker):
    """A worker that ended leaves its counters, but not its live gauges, to the ones still running."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        from prometheus_client import multiprocess

        multiprocess.mark_process_dead(worker.pid)
