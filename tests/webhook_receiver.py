"""A real HTTPS server on 127.0.0.1 for the webhook tests: it keeps what it receives and answers as told."""
import ssl
import threading
from collections import deque
from dataclasses import dataclass
from email.message import Message
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

HANG = "hang"  # read the request, never answer
REDIRECT = "redirect"  # answer 302 to another address


@dataclass
class Received:
    """One POST as the receiving system saw it."""

    path: str
    headers: Message
    body: bytes


class WebhookReceiver:
    """Serves HTTPS with a certificate from `server_cert` (trustme); each POST takes the next scripted answer
    (a status, HANG or REDIRECT), 200 once the script is done."""

    def __init__(self, server_cert):
        self.received: list[Received] = []
        self.answers: deque = deque()
        self._release = threading.Event()
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        server_cert.configure_cert(context)
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._server.daemon_threads = True
        self._server.socket = context.wrap_socket(self._server.socket, server_side=True)
        self._thread = threading.Thread(target=self._server.serve_forever, name="webhook-receiver", daemon=True)

    @property
    def url(self) -> str:
        """The address a webhook is registered with."""
        return f"https://127.0.0.1:{self._server.server_address[1]}/hooks/mla"

    def start(self):
        """Starts serving in a thread."""
        self._thread.start()
        return self

    def stop(self):
        """Lets hanging answers end, stops serving and closes the socket."""
        self._release.set()
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(5)

    def _handler(self):
        """The request handler class, bound to this receiver."""
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            """Records each POST and answers the next scripted answer."""

            def do_POST(self):  # http.server's name
                """Keeps the request, then answers."""
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                receiver.received.append(Received(self.path, self.headers, body))
                answer = receiver.answers.popleft() if receiver.answers else 200
                if answer == HANG:
                    receiver._release.wait(30)
                    self.close_connection = True
                    return
                status = 302 if answer == REDIRECT else answer
                text = b"" if 200 <= status < 300 else b"receiver refuses: " + str(status).encode()
                self.send_response(status)
                if answer == REDIRECT:
                    self.send_header("Location", receiver.url + "/moved")
                self.send_header("Content-Type", "text/plain")
                self.send_header("Content-Length", str(len(text)))
                self.end_headers()
                self.wfile.write(text)

            def log_message(self, format, *args):  # http.server's signature
                """Quiet: the tests read what was received instead."""

        return Handler
