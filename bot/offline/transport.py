"""A python-telegram-bot request class that talks to a FakeBotAPI in-process."""

from __future__ import annotations

import asyncio
import json
from typing import Any

from telegram.error import NetworkError, TimedOut
from telegram.request import BaseRequest, RequestData

from bot.offline.api import DROP, TIME_OUT, FakeBotAPI


class FakeRequest(BaseRequest):
    """Routes every Bot API call to `api` instead of the network."""

    def __init__(self, api: FakeBotAPI) -> None:
        self.api = api

    @property
    def read_timeout(self) -> float | None:
        return None

    async def initialize(self) -> None:
        """Nothing to open: there is no connection."""

    async def shutdown(self) -> None:
        """Nothing to close: there is no connection."""

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: object = BaseRequest.DEFAULT_NONE,
        write_timeout: object = BaseRequest.DEFAULT_NONE,
        connect_timeout: object = BaseRequest.DEFAULT_NONE,
        pool_timeout: object = BaseRequest.DEFAULT_NONE,
    ) -> tuple[int, bytes]:
        name = url.rsplit("/", 1)[-1]
        params: dict[str, Any] = dict(request_data.parameters) if request_data else {}
        files: dict[str, bytes] = {}
        if request_data is not None and request_data.contains_files:
            for part, value in request_data.multipart_data.items():
                content = value[1]
                files[part] = content if isinstance(content, bytes) else content.read()
        if name == "getUpdates":
            # Long polling blocks; keep the event loop free while it waits.
            status, body = await asyncio.to_thread(self.api.handle, name, params, files)
        else:
            status, body = self.api.handle(name, params, files)
        if status == TIME_OUT:
            raise TimedOut("fake Bot API: timed out")
        if status == DROP:
            raise NetworkError("fake Bot API: connection dropped")
        return status, json.dumps(body).encode()
