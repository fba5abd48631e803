"""quickstart --port: the app, the scheduler and the links in e-mails all use the port served, unless PUBLIC_URL
was set."""
import os
import re
import signal
import subprocess
import sys
import time
from email import message_from_bytes, policy
from pathlib import Path

from tests.smtp import free_port
from tracker.cli import quickstart_public_url

ROOT = Path(__file__).resolve().parents[1]


def test_the_public_url_follows_the_served_address_unless_one_was_set():
    assert quickstart_public_url("http://127.0.0.1:5000", "127.0.0.1", 8080) == "http://127.0.0.1:8080"
    assert quickstart_public_url("http://127.0.0.1:5000/", "0.0.0.0", 8081) == "http://127.0.0.1:8081"  # nosec B104
    assert quickstart_public_url("http://127.0.0.1:5000", "::", 8082) == "http://[::1]:8082"
    assert quickstart_public_url("http://127.0.0.1:5000", "::1", 8083) == "http://[::1]:8083"
    assert quickstart_public_url("https://mla.prokuror.example", "127.0.0.1", 8080) == "https://mla.prokuror.example"


def _wait_for_line(process, pattern, timeout=120):
    """The first line of the process's output matching `pattern`, read as it comes."""
    deadline = time.monotonic() + timeout
    seen = []
    while time.monotonic() < deadline:
        line = process.stdout.readline()
        if not line:
            break
        seen.append(line)
        match = re.search(pattern, line)
        if match:
            return match
    raise AssertionError("".join(seen))


def _environment(pid: str) -> list[bytes]:
    """A process's environment variables; empty while it is still being started (the kernel is loading it)."""
    for _attempt in range(100):
        variables = Path(f"/proc/{pid}/environ").read_bytes().split(b"\0")
        if variables != [b""]:
            return variables
        time.sleep(0.1)
    return []


def _outbox(folder: Path) -> list[Path]:
    """The mails written to the outbox, once there is one (the scheduler may be writing the week's digests)."""
    for _attempt in range(300):
        written = sorted(folder.glob("*.eml"))
        if written:
            return written
        time.sleep(0.1)
    return []


def test_quickstart_on_another_port_links_the_digest_to_it(tmp_path):
    port = free_port()
    env = {key: value for key, value in os.environ.items() if not key.startswith("TRACKER_")}
    env["TRACKER_INSTANCE_PATH"] = str(tmp_path)
    process = subprocess.Popen([sys.executable, "-m", "flask", "--app", "tracker", "quickstart", "--port", str(port)],
                               cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        served = _wait_for_line(process, r"Serving MLA Tracker on (\S+) .*links in e-mails lead to (\S+); "
                                         r"scheduler pid (\d+)")
        assert served.group(1) == f"http://127.0.0.1:{port}/"
        assert served.group(2) == f"http://127.0.0.1:{port}"
        # The scheduler, which sends the digests, was told the same address.
        assert f"TRACKER_PUBLIC_URL=http://127.0.0.1:{port}".encode() in _environment(served.group(3))
        # Digests sent with the scheduler's settings link the requests on this port (the same week's digests are
        # sent once, by the scheduler or by this run, whichever comes first).
        scheduler_settings = dict(variable.decode().split("=", 1) for variable in _environment(served.group(3))
                                  if variable)
        sent = subprocess.run([sys.executable, "-m", "flask", "--app", "tracker", "digest", "send"], cwd=ROOT,
                              env=scheduler_settings, capture_output=True, text=True, timeout=120)
        assert sent.returncode == 0, sent.stdout + sent.stderr
        mails = [message_from_bytes(path.read_bytes(), policy=policy.default) for path in _outbox(tmp_path / "outbox")]
        texts = [mail.get_body(preferencelist=("plain",)).get_content() for mail in mails]
        links = [link for text in texts for link in re.findall(r"http\S+/requests\S*", text)]
        assert mails and links and all(link.startswith(f"http://127.0.0.1:{port}/requests") for link in links), links[:3]
    finally:
        process.send_signal(signal.SIGINT)  # Ctrl+C: quickstart stops its scheduler on the way out
        process.communicate(timeout=30)
    assert not Path(f"/proc/{served.group(3)}").exists() or \
        Path(f"/proc/{served.group(3)}/stat").read_text().split()[2] == "Z"
