"""An SMTP server for Herald's mail tests (aiosmtpd), on 127.0.0.1 and a free port.

Usage: smtp_sink.py DIR [--auth USER:PASSWORD]

Prints the port as the first line of standard output, then serves until standard input closes or
SIGTERM. Every accepted message is saved in DIR as N.eml (the raw bytes) beside N.json (the envelope:
mail_from, rcpt_tos, login), each written whole before the server answers 250, so that a client that
has its answer finds the files complete.

Behaviour the tests provoke by the recipient's address:
- "reject..." is refused at RCPT TO with 550 5.1.1 mailbox unavailable;
- "flaky..." gets 451 4.3.0 try again later for its first DATA, and is accepted the next time.
With --auth, AUTH PLAIN/LOGIN (allowed without TLS) is required with that user name and password.
"""

import json
import logging
import os
import signal
import sys
import threading
import warnings

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword


class SinkHandler:
    def __init__(self, folder):
        self._folder = folder
        self._count = 0
        self._flaky_seen = set()
        self._lock = threading.Lock()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.lower().startswith("reject"):
            return "550 5.1.1 mailbox unavailable"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        with self._lock:
            flaky = [a for a in envelope.rcpt_tos if a.lower().startswith("flaky") and a.lower() not in self._flaky_seen]
            if flaky:
                self._flaky_seen.update(a.lower() for a in flaky)
                return "451 4.3.0 try again later"
            self._count += 1
            number = self._count
        auth = session.auth_data
        login = auth.login.decode("utf-8") if isinstance(auth, LoginPassword) else None
        self._write(f"{number}.eml", envelope.original_content)
        envelope_json = {"mail_from": envelope.mail_from, "rcpt_tos": envelope.rcpt_tos, "login": login}
        self._write(f"{number}.json", json.dumps(envelope_json).encode("utf-8"))
        return "250 OK"

    def _write(self, name, data):
        # Written aside and renamed: a reader never sees half a file.
        path = os.path.join(self._folder, name)
        with open(path + ".part", "wb") as f:
            f.write(data)
        os.replace(path + ".part", path)


class SinkController(Controller):
    """A Controller on port 0: the port the system chose is read before the readiness check connects."""

    def _trigger_server(self):
        self.port = self.server.sockets[0].getsockname()[1]
        super()._trigger_server()


def authenticator_for(user, password):
    def authenticate(server, session, envelope, mechanism, auth_data):
        ok = (isinstance(auth_data, LoginPassword)
              and auth_data.login == user.encode("utf-8")
              and auth_data.password == password.encode("utf-8"))
        return AuthResult(success=ok, handled=False, auth_data=auth_data if ok else None)
    return authenticate


def main(argv):
    if len(argv) not in (1, 3) or (len(argv) == 3 and argv[1] != "--auth"):
        print("usage: smtp_sink.py DIR [--auth USER:PASSWORD]", file=sys.stderr)
        return 2
    folder = argv[0]
    os.makedirs(folder, exist_ok=True)
    options = {}
    if len(argv) == 3:
        user, _, password = argv[2].partition(":")
        options = {"authenticator": authenticator_for(user, password), "auth_required": True, "auth_require_tls": False}

    # Plain-text AUTH is what the tests mean to use; the warnings about it would only clutter their output.
    warnings.filterwarnings("ignore", message="Requiring AUTH while not requiring TLS")
    logging.getLogger("mail.log").setLevel(logging.ERROR)
    controller = SinkController(SinkHandler(folder), hostname="127.0.0.1", port=0, **options)
    controller.start()
    print(controller.port, flush=True)

    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())

    def wait_for_stdin():
        sys.stdin.read()
        stop.set()

    threading.Thread(target=wait_for_stdin, daemon=True).start()
    while not stop.wait(0.2):
        pass
    controller.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
