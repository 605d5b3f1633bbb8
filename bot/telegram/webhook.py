"""Receive updates by webhook: the update path (secret checked) and GET /healthz.

PTB's own webhook server cannot serve a health check, so this is a small tornado
server (tornado comes with python-telegram-bot's webhooks extra) that does what
PTB's does — check Telegram's secret header, parse the update, queue it — plus
/healthz for load balancers and Docker.
"""

from __future__ import annotations

import hmac
import json
import logging
import re
from collections.abc import Awaitable, Callable
from typing import Any

from telegram import Update
from tornado.httpserver import HTTPServer
from tornado.web import Application as TornadoApplication
from tornado.web import RequestHandler

from bot.telegram.context import BotApplication
from bot.telegram.health import Health

log = logging.getLogger(__name__)

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
HealthCheck = Callable[[], Awaitable[Health]]


class UpdateHandler(RequestHandler):
    """POST from Telegram: 403 without the right secret, 400 if not an update."""

    def initialize(self, app: BotApplication, secret: str) -> None:
        self.app = app
        self.secret = secret

    async def post(self) -> None:
        given = self.request.headers.get(SECRET_HEADER, "")
        if not hmac.compare_digest(given.encode(), self.secret.encode()):
            log.warning("webhook request without the right secret from %s", self.request.remote_ip)
            self.send_error(403)
            return
        try:
            data = json.loads(self.request.body)
            if not isinstance(data, dict) or not isinstance(data.get("update_id"), int):
                raise ValueError("no update_id")
            update = Update.de_json(data, self.app.bot)
        except Exception as exc:  # whatever the body is, it is not an update we can use
            log.warning("webhook body is not a Telegram update: %s", type(exc).__name__)
            self.send_error(400)
            return
        await self.app.update_queue.put(update)
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


class WebhookServer:
    """The HTTP server in front of the Application."""

    def __init__(self, app: BotApplication, path: str, secret: str, check: HealthCheck) -> None:
        update_args: dict[str, Any] = {"app": app, "secret": secret}
        health_args: dict[str, Any] = {"check": check}
        # Tornado routes are regular expressions; the path is a literal.
        routes = [
            (re.escape(path), UpdateHandler, update_args),
            ("/healthz", HealthHandler, health_args),
        ]
        # No tornado access log: request lines are not worth a log line per update.
        self._server = HTTPServer(TornadoApplication(routes, log_function=lambda handler: None))

    def listen(self, port: int, address: str) -> None:
        """Start accepting connections."""
        self._server.listen(port, address)

    async def stop(self) -> None:
        """Stop accepting connections and close the open ones."""
        self._server.stop()
        await self._server.close_all_connections()
