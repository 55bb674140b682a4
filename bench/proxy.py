"""A small round-robin HTTP proxy in front of several web servers on one machine, for
``make cluster``, the cluster test and the cluster benchmark. Not for production: there a
real load balancer (nginx, HAProxy, the cloud's own) does this job and TLS as well.

``python -m bench.proxy --listen 127.0.0.1:8000 --backend 127.0.0.1:8001 --backend ...``

What it does:
- each request goes to the next server in turn (round robin);
- a server that refuses the connection, or drops it before answering, is skipped for
  ``--retry-after`` seconds ("noticed"), and the request goes to the next server at once.
  A GET, HEAD or OPTIONS request is also sent again when the server dropped it part-way,
  since repeating it changes nothing; any other request gets 502 then, because the server
  may have acted on it. So when one server dies, no read fails, not even the ones it
  was answering;
- keeps the browser's connection open between requests (HTTP/1.1 keep-alive), while each
  request to a server is a fresh HTTP/1.0 connection that the server closes, as gunicorn's
  sync workers do anyway;
- reads each answer in full before passing it on (fine for pages and documents; it is not
  meant for large downloads), adds ``X-Forwarded-For``, and says which server answered in
  ``X-Involve-Server``.
"""

import argparse
import asyncio
import contextlib
import itertools
import logging
import re
import signal
import time

logger = logging.getLogger("involve.proxy")

# Requests the proxy may send to a second server when the first dropped them part-way.
SAFE_TO_REPEAT = frozenset({"GET", "HEAD", "OPTIONS"})
# Headers about one connection, never passed on (RFC 9110 section 7.6.1).
HOP_BY_HOP = frozenset(
    {
        "connection",
        "keep-alive",
        "proxy-connection",
        "proxy-authenticate",
        "proxy-authorization",
        "te",
        "trailer",
        "transfer-encoding",
        "upgrade",
    }
)
# Which server answered, on every answer (for the cluster test and for debugging).
SERVER_HEADER = "X-Involve-Server"
MAX_HEAD_BYTES = 64 * 1024
MAX_BODY_BYTES = 100 * 1024 * 1024
CONNECT_TIMEOUT = 5


class BackendGone(Exception):
    """The server refused the connection, or closed it before sending a whole answer."""

    def __init__(self, message: str, *, request_sent: bool):
        super().__init__(message)
        self.request_sent = request_sent


class Backend:
    def __init__(self, host: str, port: int):
        self.host = host
        self.port = port
        self.down_until = 0.0

    def __repr__(self):
        return f"{self.host}:{self.port}"

    def is_up(self) -> bool:
        return time.monotonic() >= self.down_until


def parse_address(text: str) -> tuple[str, int]:
    host, _, port = text.rpartition(":")
    return host or "127.0.0.1", int(port)


def _headers(lines: list[bytes]) -> list[tuple[str, str]]:
    parsed = []
    for line in lines:
        name, sep, value = line.decode("latin-1").partition(":")
        if not sep or not name or name != name.strip():
            raise ValueError(f"malformed header line: {line!r}")
        parsed.append((name, value.strip()))
    return parsed


def _header(headers: list[tuple[str, str]], name: str) -> str | None:
    for key, value in headers:
        if key.lower() == name:
            return value
    return None


def _simple_response(status: int, reason: str, *, close: bool = True) -> bytes:
    body = f"{status} {reason}\n".encode()
    return (
        f"HTTP/1.1 {status} {reason}\r\nContent-Type: text/plain\r\n"
        f"Content-Length: {len(body)}\r\nConnection: {'close' if close else 'keep-alive'}"
        "\r\n\r\n"
    ).encode() + body


class RoundRobinProxy:
    def __init__(self, backends, *, retry_after: float = 2.0, timeout: float = 60.0):
        self.backends = [Backend(host, port) for host, port in backends]
        if not self.backends:
            raise ValueError("the proxy needs at least one server")
        self.retry_after = retry_after
        self.timeout = timeout
        self._turn = itertools.count()
        self.served_by: dict[str, int] = {repr(backend): 0 for backend in self.backends}
        self._clients: set[asyncio.StreamWriter] = set()
        self._handlers: set[asyncio.Task] = set()

    def candidates(self) -> list[Backend]:
        """Every server, starting with the next in turn; those recently found down last."""
        start = next(self._turn) % len(self.backends)
        in_turn = self.backends[start:] + self.backends[:start]
        return [b for b in in_turn if b.is_up()] + [b for b in in_turn if not b.is_up()]

    def notice_down(self, backend: Backend, reason: str) -> None:
        if backend.is_up():
            logger.warning("server %r is not answering (%s); skipping it for now", backend, reason)
        backend.down_until = time.monotonic() + self.retry_after

    async def exchange(self, backend: Backend, request: bytes, *, method: str = "GET") -> bytes:
        """Send one request to one server and read its whole answer (it closes the
        connection at the end)."""
        try:
            reader, writer = await asyncio.wait_for(
                asyncio.open_connection(backend.host, backend.port), CONNECT_TIMEOUT
            )
        except (OSError, TimeoutError) as error:
            raise BackendGone(f"connect: {error!r}", request_sent=False) from error
        try:
            writer.write(request)
            await writer.drain()
            answer = await asyncio.wait_for(reader.read(), self.timeout)
        except OSError as error:
            raise BackendGone(f"exchange: {error!r}", request_sent=True) from error
        finally:
            writer.close()
            with contextlib.suppress(OSError):
                await writer.wait_closed()
        head, found, body = answer.partition(b"\r\n\r\n")
        length = re.search(rb"\r\ncontent-length:\s*(\d+)", head, re.IGNORECASE)
        bodiless = method == "HEAD" or re.match(rb"HTTP/\S+ (1\d\d|204|304)", head)
        if not found or (length and not bodiless and len(body) < int(length.group(1))):
            raise BackendGone("closed before a whole answer", request_sent=True)
        return answer

    async def forward(self, method: str, request: bytes) -> tuple[bytes, str]:
        """The answer, and which server gave it ("" if none did)."""
        for backend in self.candidates():
            try:
                answer = await self.exchange(backend, request, method=method)
            except BackendGone as gone:
                self.notice_down(backend, str(gone))
                if not gone.request_sent or method in SAFE_TO_REPEAT:
                    continue
                # The server may have acted on it: sending it again could do it twice.
                return _simple_response(502, "Bad Gateway"), ""
            except TimeoutError:
                return _simple_response(504, "Gateway Timeout"), ""
            self.served_by[repr(backend)] += 1
            return answer, repr(backend)
        return _simple_response(503, "Service Unavailable"), ""

    @staticmethod
    def client_answer(
        method: str, answer: bytes, *, keep_alive: bool, server: str = ""
    ) -> tuple[bytes, bool]:
        """The server's answer rewritten for the client's (possibly kept-alive) connection,
        and whether that connection stays open after it."""
        head, _, body = answer.partition(b"\r\n\r\n")
        status_line, *lines = head.split(b"\r\n")
        _version, _, status_and_reason = status_line.decode("latin-1").partition(" ")
        status = int(status_and_reason.split(" ", 1)[0])
        headers = _headers(lines)
        chunked = (_header(headers, "transfer-encoding") or "").lower() == "chunked"
        kept = [(n, v) for n, v in headers if n.lower() not in HOP_BY_HOP]
        bodiless = method == "HEAD" or status in (204, 304) or 100 <= status < 200
        if chunked:
            # Passed on as it came; the connection then ends with it.
            kept.append(("Transfer-Encoding", "chunked"))
            keep_alive = False
        elif not bodiless:
            kept = [(n, v) for n, v in kept if n.lower() != "content-length"]
            kept.append(("Content-Length", str(len(body))))
        if server:
            kept.append((SERVER_HEADER, server))
        kept.append(("Connection", "keep-alive" if keep_alive else "close"))
        out = [f"HTTP/1.1 {status_and_reason}"] + [f"{n}: {v}" for n, v in kept]
        head = ("\r\n".join(out) + "\r\n\r\n").encode("latin-1")
        return head + (b"" if bodiless else body), keep_alive

    async def handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter):
        peer = (writer.get_extra_info("peername") or ("unknown",))[0]
        self._clients.add(writer)
        self._handlers.add(asyncio.current_task())
        try:
            while True:
                try:
                    head = await reader.readuntil(b"\r\n\r\n")
                except (asyncio.IncompleteReadError, ConnectionError):
                    return
                except asyncio.LimitOverrunError:
                    writer.write(_simple_response(431, "Request Header Fields Too Large"))
                    return
                try:
                    request_line, *lines = head[:-4].split(b"\r\n")
                    method, target, version = request_line.decode("latin-1").split(" ")
                    headers = _headers(lines)
                except ValueError:
                    writer.write(_simple_response(400, "Bad Request"))
                    return
                if _header(headers, "transfer-encoding"):
                    writer.write(_simple_response(411, "Length Required"))
                    return
                length = int(_header(headers, "content-length") or 0)
                if length > MAX_BODY_BYTES:
                    writer.write(_simple_response(413, "Content Too Large"))
                    return
                body = await reader.readexactly(length) if length else b""
                connection = (_header(headers, "connection") or "").lower()
                keep_alive = (
                    "keep-alive" in connection
                    if version == "HTTP/1.0"
                    else "close" not in connection
                )
                forwarded = [(n, v) for n, v in headers if n.lower() not in HOP_BY_HOP]
                forwarded = [(n, v) for n, v in forwarded if n.lower() != "x-forwarded-for"]
                earlier = _header(headers, "x-forwarded-for")
                forwarded.append(("X-Forwarded-For", f"{earlier}, {peer}" if earlier else peer))
                forwarded.append(("Connection", "close"))
                request = (
                    "\r\n".join(
                        [f"{method} {target} HTTP/1.0"] + [f"{n}: {v}" for n, v in forwarded]
                    )
                    + "\r\n\r\n"
                ).encode("latin-1") + body
                answer, server = await self.forward(method, request)
                try:
                    out, keep_alive = self.client_answer(
                        method, answer, keep_alive=keep_alive, server=server
                    )
                except ValueError:
                    out, keep_alive = _simple_response(502, "Bad Gateway"), False
                writer.write(out)
                await writer.drain()
                if not keep_alive:
                    return
        except (ConnectionError, asyncio.IncompleteReadError):
            return
        finally:
            self._clients.discard(writer)
            self._handlers.discard(asyncio.current_task())
            writer.close()
            with contextlib.suppress(OSError):
                await writer.wait_closed()

    async def start(self, host: str, port: int) -> asyncio.Server:
        return await asyncio.start_server(self.handle, host, port, limit=MAX_HEAD_BYTES)

    async def close_connections(self, *, grace: float = 5.0) -> None:
        """Hang up on every client (the proxy is stopping) and let each handler end."""
        for writer in list(self._clients):
            writer.close()
        if self._handlers:
            await asyncio.wait(set(self._handlers), timeout=grace)


async def serve(listen: tuple[str, int], backends, *, retry_after: float) -> None:
    proxy = RoundRobinProxy(backends, retry_after=retry_after)
    server = await proxy.start(*listen)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, stop.set)
    print(f"proxy on http://{listen[0]}:{listen[1]}/ -> {proxy.backends}", flush=True)
    async with server:
        await stop.wait()
        server.close()
        await proxy.close_connections()
    print(f"proxy stopped; requests per server: {proxy.served_by}", flush=True)


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--listen", default="127.0.0.1:8000", help="host:port to listen on")
    parser.add_argument("--backend", action="append", required=True, help="host:port, repeat")
    parser.add_argument("--retry-after", type=float, default=2.0, help="seconds to skip a server")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(asctime)s %(name)s %(message)s")
    asyncio.run(
        serve(
            parse_address(args.listen),
            [parse_address(b) for b in args.backend],
            retry_after=args.retry_after,
        )
    )


if __name__ == "__main__":
    main()
