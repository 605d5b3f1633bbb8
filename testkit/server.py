"""Serve a FakeBotAPI over loopback HTTP, for tests that run the bot as a process."""

from __future__ import annotations

import contextlib
import json
import socket
import sys
import threading
from email.parser import BytesParser
from email.policy import HTTP
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from bot.offline.api import DROP, TIME_OUT, FakeBotAPI

# Parameters that are always strings even when they look like JSON numbers.
_TEXT_PARAMS = frozenset(
    {
        "text",
        "caption",
        "callback_query_id",
        "url",
        "secret_token",
        "parse_mode",
        "data",
        "description",
        "short_description",
        "language_code",
    }
)


def _decode(name: str, value: str) -> Any:
    # PTB form-encodes each parameter as JSON, except plain strings, which go
    # raw: so only non-text fields are worth trying to decode.
    if name in _TEXT_PARAMS:
        return value
    try:
        return json.loads(value)
    except ValueError:
        return value


def parse_body(content_type: str, body: bytes) -> tuple[dict[str, Any], dict[str, bytes]]:
    """Split a Bot API request body into parameters and uploaded files."""
    if not body:
        return {}, {}
    if content_type.startswith("application/json"):
        return dict(json.loads(body)), {}
    if content_type.startswith("multipart/form-data"):
        head = f"Content-Type: {content_type}\r\n\r\n".encode()
        parsed = BytesParser(policy=HTTP).parsebytes(head + body)
        params: dict[str, Any] = {}
        files: dict[str, bytes] = {}
        for part in parsed.iter_parts():
            name = part.get_param("name", header="content-disposition")
            payload = part.get_payload(decode=True)
            if not isinstance(name, str) or not isinstance(payload, bytes):
                continue
            if part.get_filename():
                files[name] = payload
            else:
                params[name] = _decode(name, payload.decode())
        return params, files
    pairs = parse_qsl(body.decode(), keep_blank_values=True)
    return {name: _decode(name, value) for name, value in pairs}, {}


SHUTDOWN_NOTICED_WITHIN_S = 0.02


def serve_in_thread(
    api: FakeBotAPI, host: str = "127.0.0.1", port: int = 0
) -> tuple[ThreadingHTTPServer, str]:
    """Start serving `api` on a daemon thread; return the server and its base URL."""

    class Handler(BaseHTTPRequestHandler):
        # Keep-alive, as Telegram's servers do; every answer carries Content-Length.
        protocol_version = "HTTP/1.1"
        # Headers and body go out in separate writes; with Nagle's algorithm the body
        # waits for the client's delayed ACK, adding ~40 ms to every call.
        disable_nagle_algorithm = True

        def _answer(self) -> None:
            path = urlsplit(self.path).path
            parts = path.strip("/").split("/")
            if len(parts) != 2 or not parts[0].startswith("bot"):
                self._reply(404, {"ok": False, "error_code": 404, "description": "Not Found"})
                return
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length)
            params, files = parse_body(self.headers.get("Content-Type", ""), body)
            status, answer = api.handle(parts[1], params, files)
            if status in (DROP, TIME_OUT):
                # Hang up without a word (a timeout looks the same to the client once
                # its read timeout passes; hanging up is the fast way to get there).
                self.close_connection = True
                with contextlib.suppress(OSError):
                    self.connection.shutdown(socket.SHUT_RDWR)
                return
            self._reply(status, answer)

        def _reply(self, status: int, answer: dict[str, Any]) -> None:
            data = json.dumps(answer).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            # The bot may hang up while stopping; there is no one left to answer.
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                self.wfile.write(data)

        do_GET = do_POST = _answer

        def log_message(self, format: str, *args: Any) -> None:
            """Stay quiet: request lines would contain the token."""

    class Server(ThreadingHTTPServer):
        # The default backlog of 5 refuses connections when the bot opens dozens at once.
        request_queue_size = 512

        def handle_error(self, request: Any, client_address: Any) -> None:
            # A bot that hangs up or is killed mid-request is expected here.
            if not isinstance(sys.exc_info()[1], ConnectionError):
                super().handle_error(request, client_address)

    server = Server((host, port), Handler)
    server.daemon_threads = True
    thread = threading.Thread(
        target=server.serve_forever,
        # shutdown() waits for the loop to look again: every test that stopped a server
        # waited up to 0.5 s (the default) for it, idle.
        kwargs={"poll_interval": SHUTDOWN_NOTICED_WITHIN_S},
        name="fake-bot-api",
        daemon=True,
    )
    thread.start()
    return server, f"http://{host}:{server.server_address[1]}"
