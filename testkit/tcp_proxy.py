"""A TCP proxy you can cut: a network partition between the bot and its database.

Cutting holds traffic rather than refusing it, which is what a partition looks like
from either end: connections stay open, bytes sent get no answer, and a new
connection is accepted but goes nowhere. Healing lets everything held through.

It can also stand for the network between the bot and a database on another host
(`delay_s`: each chunk held that long, each way), run as a process of its own so it
takes no time from the process it serves:

    python -m testkit.tcp_proxy 127.0.0.1:5432 [--delay-ms MS]   # prints its port
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import threading


class CuttableProxy:
    """Forward 127.0.0.1:<port> to an upstream host and port, on its own thread."""

    def __init__(self, upstream_host: str, upstream_port: int, delay_s: float = 0.0) -> None:
        self.upstream = (upstream_host, upstream_port)
        self.delay_s = delay_s
        self.port = 0
        self._loop = asyncio.new_event_loop()
        self._open = asyncio.Event()
        self._server: asyncio.Server | None = None
        self._writers: set[asyncio.StreamWriter] = set()
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)

    def start(self) -> None:
        """Listen on a free loopback port (see `port`)."""
        self._thread.start()
        asyncio.run_coroutine_threadsafe(self._listen(), self._loop).result(10)

    def cut(self) -> None:
        """Hold every byte from now on, both ways."""
        self._loop.call_soon_threadsafe(self._open.clear)

    def heal(self) -> None:
        """Let held and new traffic through again."""
        self._loop.call_soon_threadsafe(self._open.set)

    def close(self) -> None:
        """Stop listening and end the thread."""

        async def stop() -> None:
            if self._server is not None:
                self._server.close()
            for writer in self._writers:
                writer.close()

        asyncio.run_coroutine_threadsafe(stop(), self._loop).result(10)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(10)
        for task in asyncio.all_tasks(self._loop):
            task.cancel()
        self._loop.run_until_complete(asyncio.sleep(0))
        self._loop.close()

    async def _listen(self) -> None:
        self._open.set()
        self._server = await asyncio.start_server(self._serve, "127.0.0.1", 0)
        self.port = self._server.sockets[0].getsockname()[1]

    async def _serve(self, client_r: asyncio.StreamReader, client_w: asyncio.StreamWriter) -> None:
        self._writers.add(client_w)
        await self._open.wait()
        try:
            upstream_r, upstream_w = await asyncio.open_connection(*self.upstream)
        except OSError:
            client_w.close()
            return
        self._writers.add(upstream_w)
        await asyncio.gather(self._pump(client_r, upstream_w), self._pump(upstream_r, client_w))

    async def _pump(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while data := await reader.read(65536):
                if self.delay_s:
                    # (asyncio's timers are whole milliseconds on epoll: ~1 ms at least)
                    await asyncio.sleep(self.delay_s)
                await self._open.wait()
                writer.write(data)
                await writer.drain()
        except (ConnectionError, OSError):
            pass
        finally:
            with contextlib.suppress(ConnectionError, OSError):
                writer.close()


def main() -> None:
    parser = argparse.ArgumentParser(description="Forward a loopback port to HOST:PORT.")
    parser.add_argument("upstream", help="HOST:PORT")
    parser.add_argument("--delay-ms", type=float, default=0.0, help="each chunk, each way")
    args = parser.parse_args()
    host, port = args.upstream.rsplit(":", 1)
    proxy = CuttableProxy(host, int(port), args.delay_ms / 1000)
    proxy.start()
    print(proxy.port, flush=True)
    threading.Event().wait()  # until killed


if __name__ == "__main__":
    main()
