"""Receive updates by webhook: the update path (secret checked) and GET /healthz; in
polling mode with HEALTH_PORT, /healthz alone.

PTB's own webhook server cannot serve a health check, so this is a small tornado
server (tornado comes with python-telegram-bot's webhooks extra) that checks
Telegram's secret header, stores the update in the inbox and only then answers
200 (a database that does not answer gets 503, and Telegram sends the update
again), plus /healthz for load balancers and Docker.
"""

from __future__ import annotations

import hmac
import json
import logging
import re
from collections.abc import Awaitable, Callable, Sequence
from typing import Any

from tornado.httpserver import HTTPServer
from tornado.web import Application as TornadoApplication
from tornado.web import RequestHandler

from bot.telegram.context import BotApplication
from bot.telegram.health import Health
from bot.telegram.inbox import InboxWorker, inbox_update

log = logging.getLogger(__name__)

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
HealthCheck = Callable[[], Awaitable[Health]]


class UpdateHandler(RequestHandler):
    """POST from Telegram: 403 without the right secret, 400 if not an update."""

    def initialize(self, secret: str, worker: InboxWorker, on_update: Callable[[], None]) -> None:
        self.secret = secret
        self.worker = worker
        self.on_update = on_update

    async def post(self) -> None:
        given = self.request.headers.get(SECRET_HEADER, "")
        if not hmac.compare_digest(given.encode(), self.secret.encode()):
            log.warning("webhook request without the right secret from %s", self.request.remote_ip)
            self.send_error(403)
            return
        try:
            item = inbox_update(json.loads(self.request.body))
        except ValueError:
            item = None
        if item is None:
            log.warning("webhook body is not a Telegram update (no update_id)")
            self.send_error(400)
            return
        # An update PTB cannot parse is stored all the same: the worker sets it aside.
        if await self.worker.take([item]) is None:
            self.send_error(503)  # not stored: Telegram sends it again
            return
        self.on_update()
        self.set_status(200)

    def write_error(self, status_code: int, **kwargs: Any) -> None:
        self.finish({"ok": False, "status": status_code})


class HealthHandler(RequestHandler):
    """GET /healthz: 200 when every check passes, else 503 with the reasons."""

    def initialize(self, check: HealthCheck) -> None:
        self.check = check

    async def get(self) -> None:
        health = await self.check()
        self.set_status(200 if health.ok else 503)
        self.finish({"status": "ok" if health.ok else "unavailable", "checks": health.checks})


class HealthServer:
    """An HTTP server answering GET /healthz (and whatever routes a subclass adds)."""

    def __init__(self, check: HealthCheck, routes: Sequence[Any] = ()) -> None:
        health_args: dict[str, Any] = {"check": check}
        every = [*routes, ("/healthz", HealthHandler, health_args)]
        # No tornado access log: request lines are not worth a log line per update.
        self._server = HTTPServer(TornadoApplication(every, log_function=lambda handler: None))

    def listen(self, port: int, address: str) -> None:
        """Start accepting connections."""
        self._server.listen(port, address)

    async def stop(self) -> None:
        """Stop accepting connections and close the open ones."""
        self._server.stop()
        await self._server.close_all_connections()


class WebhookServer(HealthServer):
    """The HTTP server in front of the Application: updates on path, and /healthz."""

    def __init__(
        self,
        app: BotApplication,
        path: str,
        secret: str,
        check: HealthCheck,
        worker: InboxWorker,
        on_update: Callable[[], None] = lambda: None,
    ) -> None:
        update_args: dict[str, Any] = {"secret": secret, "worker": worker, "on_update": on_update}
        # Tornado routes are regular expressions; the path is a literal.
        super().__init__(check, [(re.escape(path), UpdateHandler, update_args)])
