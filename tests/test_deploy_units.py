"""deploy/systemd: the units systemd would accept (systemd-analyze verify, with the project where /opt/mla-tracker
stands), started with the commands and settings the app has, and the environment file naming only real settings."""
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from tracker.config import Defaults

PROJECT = Path(__file__).resolve().parent.parent
UNITS = PROJECT / "deploy" / "systemd"


def _env_file() -> dict[str, str]:
    settings = {}
    for line in (UNITS / "mla-tracker.env").read_text().splitlines():
        if line and not line.startswith("#"):
            name, _, value = line.partition("=")
            settings[name] = value
    return settings


def test_the_environment_file_sets_only_settings_the_app_has():
    names = [name.removeprefix("TRACKER_") for name in _env_file()]
    assert names and all(hasattr(Defaults, name) or name in ("SQLALCHEMY_DATABASE_URI", "SECRET_KEY", "INSTANCE_PATH")
                         for name in names), names


def test_the_metrics_folders_of_the_units_are_those_the_web_host_adds_up():
    others = _env_file()["TRACKER_METRICS_OTHER_FOLDERS"].split(":")
    scheduler = (UNITS / "mla-tracker-scheduler.service").read_text()
    worker = (UNITS / "mla-tracker-worker@.service").read_text()
    assert "PROMETHEUS_MULTIPROC_DIR=/run/mla-tracker/metrics-scheduler" in scheduler
    assert "/run/mla-tracker/metrics-scheduler" in others
    assert "PROMETHEUS_MULTIPROC_DIR=/run/mla-tracker/metrics-worker-%i" in worker
    assert {"/run/mla-tracker/metrics-worker-1", "/run/mla-tracker/metrics-worker-2"} <= set(others)


def test_each_unit_runs_a_command_of_the_app():
    commands = {path.name: re.search(r"^ExecStart=(.*)$", path.read_text(), re.MULTILINE).group(1)
                for path in UNITS.glob("*.service")}
    assert "flask --app tracker scheduler" in commands["mla-tracker-scheduler.service"]
    assert "flask --app tracker worker" in commands["mla-tracker-worker@.service"]
    assert "gunicorn -c /opt/mla-tracker/deploy/gunicorn.conf.py" in commands["mla-tracker-web.service"]
    assert "flask --app tracker backup" in commands["mla-tracker-backup.service"]


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="systemd-analyze is not installed")
def test_systemd_accepts_the_units(tmp_path):
    for path in UNITS.iterdir():
        if path.suffix in (".service", ".timer"):
            (tmp_path / path.name).write_text(path.read_text().replace("/opt/mla-tracker", str(PROJECT)))
    (tmp_path / "mla-tracker-worker@1.service").write_text((tmp_path / "mla-tracker-worker@.service").read_text())
    units = sorted(str(path) for path in tmp_path.iterdir() if path.name != "mla-tracker-worker@.service")
    checked = subprocess.run(["systemd-analyze", "verify", "--man=no", *units], capture_output=True, text=True,
                             timeout=60, cwd=tmp_path)
    assert checked.returncode == 0 and checked.stderr.strip() == "", checked.stderr
