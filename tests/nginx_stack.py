"""nginx with deploy/nginx/mla-tracker.conf in front of app hosts (gunicorn on 127.0.0.1, each with an instance
folder of its own, as separate machines would have) over one database: what tests/test_nginx.py checks and
bench/nginx_hosts.py loads.

The site file is used as it is, but for the lines it marks "site:" (ports, certificate, static folder, the list of
app hosts), each replaced exactly once so that the file and this harness cannot drift apart unnoticed.
"""
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import requests as http

from tests.smtp import free_port
from tests.test_production import flask

PROJECT = Path(__file__).resolve().parent.parent
SITE = PROJECT / "deploy" / "nginx" / "mla-tracker.conf"
STATIC = PROJECT / "tracker" / "static"
METRICS_TOKEN = "stack-metrics-token"


def make_certificate(folder: Path) -> tuple[Path, Path]:
    """A self-signed certificate for 127.0.0.1, valid for a day."""
    certificate, key = folder / "fullchain.pem", folder / "privkey.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1",
                    "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", str(key), "-out", str(certificate)],
                   check=True, capture_output=True, timeout=60)
    return certificate, key


def site_config(folder: Path, https_port: int, http_port: int, hosts_file: Path) -> str:
    """deploy/nginx/mla-tracker.conf with this machine's ports and paths."""
    text = SITE.read_text()
    for old, new in (("listen 80;", f"listen 127.0.0.1:{http_port};"),
                     ("listen 443 ssl http2;", f"listen 127.0.0.1:{https_port} ssl http2;"),
                     ("/etc/mla-tracker/tls/fullchain.pem", str(folder / "fullchain.pem")),
                     ("/etc/mla-tracker/tls/privkey.pem", str(folder / "privkey.pem")),
                     ("/opt/mla-tracker/tracker/static/", f"{STATIC}/"),
                     ("/etc/mla-tracker/nginx-app-hosts.conf", str(hosts_file))):
        assert text.count(old) == 1, f"deploy/nginx/mla-tracker.conf no longer says {old!r} once"
        text = text.replace(old, new)
    return text


def main_config(folder: Path, site: Path) -> str:
    """nginx's own settings for a server run by the test in `folder`."""
    user = "user root;\n" if os.geteuid() == 0 else ""  # the workers read the test's folders
    temporary = "".join(f"    {name}_temp_path {folder / name};\n"
                        for name in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    return (f"{user}daemon off;\nworker_processes 2;\npid {folder / 'nginx.pid'};\n"
            f"error_log {folder / 'error.log'} warn;\nevents {{ worker_connections 512; }}\n"
            f"http {{\n    include /etc/nginx/mime.types;\n    access_log {folder / 'access.log'};\n{temporary}"
            f"    include {site};\n}}\n")


class Stack:
    """nginx and `hosts` app hosts over the database at `database`, in `folder`."""

    def __init__(self, folder: Path, database: str, hosts: int = 2, workers: int = 2):
        self.folder, self.database, self.hosts, self.workers = folder, database, hosts, workers
        self.https_port, self.http_port = free_port(), free_port()
        self.host_ports = [free_port() for _ in range(hosts)]
        self.processes: list[subprocess.Popen] = []
        self.certificate = folder / "fullchain.pem"

    @property
    def base(self) -> str:
        return f"https://127.0.0.1:{self.https_port}"

    def env(self, number: int) -> dict:
        """App host `number`'s environment: the same database and secret key, an instance folder of its own."""
        instance = self.folder / f"host{number}"
        metrics = instance / "metrics"
        metrics.mkdir(parents=True, exist_ok=True)
        env = dict(os.environ, TRACKER_INSTANCE_PATH=str(instance), TRACKER_SQLALCHEMY_DATABASE_URI=self.database,
                   TRACKER_SECRET_KEY="one-key-for-every-host", TRACKER_PROXIES="1",
                   TRACKER_SESSION_COOKIE_SECURE="true", TRACKER_LOG_LEVEL="WARNING", TRACKER_METRICS_TOKEN=METRICS_TOKEN,
                   PROMETHEUS_MULTIPROC_DIR=str(metrics))
        env.pop("TRACKER_TEST_DATABASE_URL", None)
        return env

    def prepare_database(self) -> None:
        env = self.env(0)
        flask(env, "db", "upgrade")
        flask(env, "seed")
        flask(env, "demo")
        flask(env, "deadlines", "refresh")

    def start(self) -> None:
        make_certificate(self.folder)
        for number, port in enumerate(self.host_ports, start=1):
            with open(self.folder / f"host{number}.log", "w") as log:
                self.processes.append(subprocess.Popen(
                    [sys.executable, "-m", "gunicorn", "-c", str(PROJECT / "deploy" / "gunicorn.conf.py"),
                     "-w", str(self.workers), "-b", f"127.0.0.1:{port}", "--access-logfile",
                     str(self.folder / f"host{number}.access.log"), "tracker:create_app()"],
                    env=self.env(number), stdout=log, stderr=subprocess.STDOUT, cwd=PROJECT))
        hosts_file = self.folder / "app-hosts.conf"
        hosts_file.write_text("".join(f"server 127.0.0.1:{port};\n" for port in self.host_ports))
        site = self.folder / "site.conf"
        site.write_text(site_config(self.folder, self.https_port, self.http_port, hosts_file))
        main = self.folder / "nginx.conf"
        main.write_text(main_config(self.folder, site))
        checked = subprocess.run([nginx(), "-t", "-c", str(main), "-p", str(self.folder)], capture_output=True,
                                 text=True, timeout=30)
        assert checked.returncode == 0, checked.stderr
        self.processes.append(subprocess.Popen([nginx(), "-c", str(main), "-p", str(self.folder)],
                                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
        for port in self.host_ports:
            self._wait(f"http://127.0.0.1:{port}/healthz")
        self._wait(f"{self.base}/healthz")

    def _wait(self, url: str, seconds: float = 60) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            try:
                if http.get(url, verify=str(self.certificate), timeout=5).status_code == 200:
                    return
            except http.RequestException:
                pass
            time.sleep(0.2)
        raise AssertionError(f"{url} did not answer: " + self.logs())

    def logs(self) -> str:
        return "\n".join(path.read_text()[-2000:] for path in sorted(self.folder.glob("*.log")))

    def stop(self) -> None:
        for process in reversed(self.processes):
            if process.poll() is None:
                process.terminate()
        for process in self.processes:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()


def nginx() -> str:
    return shutil.which("nginx") or "/usr/sbin/nginx"
