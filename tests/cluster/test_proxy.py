"""The round-robin proxy that ``make cluster`` and the cluster test put in front of the web
servers (bench/proxy.py), against small servers in this process."""

import asyncio
import http.client
import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from bench.proxy import RoundRobinProxy


class NamedHandler(BaseHTTPRequestHandler):
    """Answers with the server's name, the method and any body it was sent."""

    def _answer(self, body: bytes):
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("X-Forwarded-For-Seen", self.headers.get("X-Forwarded-For", ""))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def do_GET(self):
        self._answer(f"{self.server.name} {self.command} {self.path}".encode())

    do_HEAD = do_GET

    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"]))
        self._answer(f"{self.server.name} POST ".encode() + body)

    def log_message(self, *args):
        pass


def start_named_server(name: str) -> ThreadingHTTPServer:
    server = ThreadingHTTPServer(("127.0.0.1", 0), NamedHandler)
    server.name = name
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def start_dropping_server() -> tuple[socket.socket, list[int]]:
    """Accepts each connection, reads the request and closes without a word: a server
    that died part-way through a request."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    dropped = []

    def run():
        while True:
            try:
                conn, _ = listener.accept()
            except OSError:
                return
            conn.recv(65536)
            dropped.append(1)
            conn.close()

    threading.Thread(target=run, daemon=True).start()
    return listener, dropped


def unused_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def run_proxy():
    """Start the proxy on its own event loop in a thread; returns (proxy, port)."""
    loops = []

    def _run(backends, **options):
        proxy = RoundRobinProxy(backends, **options)
        loop = asyncio.new_event_loop()
        started = threading.Event()
        holder = {}

        def run():
            asyncio.set_event_loop(loop)
            holder["server"] = loop.run_until_complete(proxy.start("127.0.0.1", 0))
            started.set()
            loop.run_forever()

        thread = threading.Thread(target=run, daemon=True)
        thread.start()
        started.wait(10)
        loops.append((loop, holder["server"], thread))
        return proxy, holder["server"].sockets[0].getsockname()[1]

    yield _run
    for loop, server, thread in loops:

        async def shut_down(server=server):
            server.close()
            await server.wait_closed()
            others = [t for t in asyncio.all_tasks() if t is not asyncio.current_task()]
            for task in others:
                task.cancel()
            await asyncio.gather(*others, return_exceptions=True)

        asyncio.run_coroutine_threadsafe(shut_down(), loop).result(10)
        loop.call_soon_threadsafe(loop.stop)
        thread.join(10)
        loop.close()


def get(port: int, path: str = "/", method: str = "GET", body=None, connection=None):
    conn = connection or http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    conn.request(method, path, body=body)
    response = conn.getresponse()
    return response, response.read()


def test_requests_take_turns_between_the_servers(run_proxy):
    one, two = start_named_server("one"), start_named_server("two")
    _, port = run_proxy([one.server_address, two.server_address])
    names = [get(port, f"/page/{n}")[1].split()[0] for n in range(6)]
    assert names == [b"one", b"two"] * 3
    response, body = get(port, "/x?y=1")
    assert body.endswith(b"GET /x?y=1")
    assert response.getheader("X-Forwarded-For-Seen") == "127.0.0.1"


def test_keeps_the_clients_connection_open_and_passes_bodies_on(run_proxy):
    one, two = start_named_server("one"), start_named_server("two")
    _, port = run_proxy([one.server_address, two.server_address])
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    first, first_body = get(port, "/a", connection=connection)
    second, second_body = get(port, "/b", method="POST", body=b"name=Asha", connection=connection)
    head, head_body = get(port, "/c", method="HEAD", connection=connection)
    assert first.getheader("Connection") == "keep-alive"
    assert first_body == b"one GET /a"
    assert second_body == b"two POST name=Asha"
    assert second.getheader("X-Involve-Server") == f"127.0.0.1:{two.server_port}"
    # A HEAD answer keeps the length of the body it would have had, and has none.
    assert head_body == b""
    assert head.getheader("Content-Length") == str(len(b"one HEAD /c"))


def test_a_server_that_refuses_connections_is_skipped_and_nothing_fails(run_proxy):
    alive = start_named_server("alive")
    dead = ("127.0.0.1", unused_port())
    proxy, port = run_proxy([dead, alive.server_address], retry_after=60)
    answers = [get(port, f"/{n}") for n in range(10)]
    assert all(response.status == 200 for response, _ in answers)
    assert {body.split()[0] for _, body in answers} == {b"alive"}
    assert not proxy.backends[0].is_up()
    assert proxy.served_by == {f"127.0.0.1:{dead[1]}": 0, f"127.0.0.1:{alive.server_port}": 10}


def test_a_read_dropped_part_way_is_sent_to_the_next_server(run_proxy):
    listener, dropped = start_dropping_server()
    alive = start_named_server("alive")
    _, port = run_proxy([listener.getsockname(), alive.server_address], retry_after=0)
    answers = [get(port, f"/{n}") for n in range(4)]
    listener.close()
    assert [response.status for response, _ in answers] == [200] * 4
    assert dropped, "the dropping server was never tried"


def test_a_form_dropped_part_way_is_not_sent_again(run_proxy):
    listener, dropped = start_dropping_server()
    alive = start_named_server("alive")
    _, port = run_proxy([listener.getsockname(), alive.server_address], retry_after=0)
    # The first request in turn goes to the dropping server.
    response, _ = get(port, "/form", method="POST", body=b"pay=10")
    listener.close()
    assert response.status == 502
    assert len(dropped) == 1


def test_an_answer_cut_short_is_not_passed_on_as_whole(run_proxy):
    """A server that dies part-way through the body: the read goes to the next server."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()

    def answer_half():
        conn, _ = listener.accept()
        conn.recv(65536)
        conn.sendall(b"HTTP/1.0 200 OK\r\nContent-Length: 100\r\n\r\nonly half")
        conn.close()

    threading.Thread(target=answer_half, daemon=True).start()
    alive = start_named_server("alive")
    _, port = run_proxy([listener.getsockname(), alive.server_address])
    response, body = get(port, "/page")
    listener.close()
    assert response.status == 200
    assert body == b"alive GET /page"


def test_no_server_answering_is_a_503(run_proxy):
    _, port = run_proxy([("127.0.0.1", unused_port()), ("127.0.0.1", unused_port())])
    response, _ = get(port)
    assert response.status == 503


def test_a_malformed_request_is_refused(run_proxy):
    one = start_named_server("one")
    _, port = run_proxy([one.server_address])
    with socket.create_connection(("127.0.0.1", port), timeout=10) as raw:
        raw.sendall(b"NONSENSE\r\n\r\n")
        assert raw.recv(100).startswith(b"HTTP/1.1 400")
