"""``make bench``: the site served as production serves it, under load, on a large data set.

1. Makes a throw-away database (SQLite in a temporary folder; a fresh PostgreSQL database
   when ``DATABASE_URL`` names a PostgreSQL server), migrates it, loads the demo site and
   adds ``make_bench_data`` (20,000 members, 2,000 opportunities, 50,000 sessions, and
   claims, training and bulletins in proportion; ``BENCH_SCALE=0.1`` for a quick look).
2. Starts gunicorn with 5 workers and production settings (``bench.web_settings``: the
   same, plus a trivial view and a query-count header), on a free loopback port.
3. Drives each page with wrk from a separate process, bounded in time: public pages at 50
   concurrent clients, signed-in pages at 20. Records requests per second and median and
   95th percentile latency, each page's ratio to the trivial view measured in the same run,
   queries per page, and compressed page weight for public pages.
4. Times the 10,000-recipient bulletin send (``bench.bulletin_send``; ``BENCH_BULLETIN=0``
   skips it).
5. Writes ``bench/results.md`` and ``bench/results.json``; stops everything it started.
6. On PostgreSQL, the cluster run (``bench.cluster_load``; ``BENCH_CLUSTER=0`` skips it):
   requests per second with two web servers against one, as its own section of results.md.

``BENCH_KEEP=<folder>`` keeps the data set between runs while tuning: the first run builds
it and writes its database address and keys to ``<folder>/environment.json``; later runs
with the same folder reuse it, and nothing is dropped at the end.
"""

import base64
import hmac
import json
import os
import re
import secrets
import shutil
import signal
import socket
import statistics
import struct
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urljoin, urlparse

import requests

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
SCALE = float(os.environ.get("BENCH_SCALE", "1"))
DURATION = int(os.environ.get("BENCH_SECONDS", "10"))
WORKERS = 5
PUBLIC_CLIENTS = 50
SIGNED_IN_CLIENTS = 20
KEEP = os.environ.get("BENCH_KEEP", "")
DEMO_PASSWORD = "bench-demo-password-" + secrets.token_hex(4)
if KEEP and (Path(KEEP) / "environment.json").exists():
    DEMO_PASSWORD = json.loads((Path(KEEP) / "environment.json").read_text())["password"]
PUBLIC_TARGETS = {
    "public p95 ms": 100,
    "share of ceiling": 0.6,
    "weight KB": 150,
    "JS KB": 50,
}
SIGNED_IN_P95_MS = 250
CEILING = "trivial view (ceiling)"
AFRESH = "member dashboard, built afresh (for comparison)"
MEMBER = "member@example.org"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Environment:
    """The database and settings every child process shares."""

    def __init__(self, work: Path):
        self.work = work
        self.postgres_admin_url = ""
        self.reused = False
        saved = work / "environment.json"
        if KEEP and saved.exists():
            state = json.loads(saved.read_text())
            self.__dict__.update(state["attributes"])
            self.env = {**os.environ, **state["env"]}
            self.reused = True
            return
        database_url = os.environ.get("DATABASE_URL", "")
        if database_url.startswith("postgres"):
            name = f"involve_bench_{int(time.time())}"
            self.postgres_admin_url = database_url
            self.database_url = database_url.rsplit("/", 1)[0] + "/" + name
            self.postgres_name = name
        else:
            self.database_url = f"sqlite:///{work / 'bench.sqlite3'}"
        from cryptography.fernet import Fernet

        self.env = {
            **os.environ,
            "DATABASE_URL": self.database_url,
            "DJANGO_SETTINGS_MODULE": "bench.web_settings",
            "SECRET_KEY": secrets.token_urlsafe(64),
            "BANK_DETAILS_KEY": Fernet.generate_key().decode(),
            "FIELD_ENCRYPTION_KEY": Fernet.generate_key().decode(),
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "SITE_URL": "https://involve.example.org",
            "SECURE_SSL_REDIRECT": "false",
            "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
            "MEDIA_ROOT": str(work / "media"),
            "PRIVATE_MEDIA_ROOT": str(work / "private"),
            "LOG_LEVEL": "WARNING",
        }

    def save(self):
        """Writes what a later ``BENCH_KEEP`` run needs to reuse this data set."""
        own = {name: value for name, value in self.env.items() if os.environ.get(name) != value}
        attributes = {
            name: getattr(self, name)
            for name in ("postgres_admin_url", "database_url", "postgres_name")
            if hasattr(self, name)
        }
        (self.work / "environment.json").write_text(
            json.dumps({"env": own, "attributes": attributes, "password": DEMO_PASSWORD})
        )

    def manage(self, *args: str, quiet=True):
        subprocess.run(
            [PYTHON, "manage.py", *args],
            cwd=ROOT,
            env=self.env,
            check=True,
            stdout=subprocess.DEVNULL if quiet else None,
        )

    def create(self):
        if self.postgres_admin_url:
            subprocess.run(
                ["createdb", "-h", "127.0.0.1", "-U", "postgres", self.postgres_name], check=True
            )
        self.manage("migrate", "--no-input")
        self.manage("createcachetable")
        self.manage("collectstatic", "--no-input")
        # The cache (Redis, if REDIS_URL names one) may hold copies from an earlier data set.
        self.manage(
            "shell",
            "-c",
            "from cms.core.backups import forget_cached_copies; forget_cached_copies()",
        )
        self.manage("load_demo_data", "--password", DEMO_PASSWORD)
        sizes = {"members": 20_000, "opportunities": 2_000, "sessions": 50_000}
        # Staff need two-factor for the admin: give the coordinator an authenticator.
        self.manage(
            "shell",
            "-c",
            "from allauth.mfa.totp.internal.auth import TOTP;"
            "from django.contrib.auth import get_user_model;"
            f"TOTP.activate(get_user_model().objects.get(email='coordinator@example.org'), '{TOTP_SECRET}')",
        )
        self.manage(
            "make_bench_data",
            *[f"--{name}={max(10, int(count * SCALE))}" for name, count in sizes.items()],
            quiet=False,
        )
        # A live database keeps its planner statistics up to date (autovacuum); one just
        # bulk-loaded has none until then, and would be measured with the wrong plans.
        self.manage(
            "shell",
            "-c",
            "from django.db import connection; connection.cursor().execute('ANALYZE')",
        )

    def drop(self):
        if self.postgres_admin_url:
            subprocess.run(
                ["dropdb", "-h", "127.0.0.1", "-U", "postgres", "--if-exists", self.postgres_name],
                check=False,
            )


class Server:
    def __init__(self, environment: Environment, extra_env: dict | None = None):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process = subprocess.Popen(
            [
                PYTHON,
                "-m",
                "gunicorn",
                "cms.wsgi",
                f"--workers={WORKERS}",
                f"--bind=127.0.0.1:{self.port}",
                "--log-level=warning",
                "--timeout=60",
            ],
            cwd=ROOT,
            env={**environment.env, **(extra_env or {})},
            start_new_session=True,
        )
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            try:
                if requests.get(self.url + "/bench/ceiling/", timeout=10).ok:
                    return
            except requests.RequestException:
                time.sleep(0.5)
        self.stop()
        raise RuntimeError("gunicorn did not start within 120 s")

    def stop(self):
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)


HTTPS = {"X-Forwarded-Proto": "https"}
TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


def totp_code(secret: str = TOTP_SECRET) -> str:
    """The authenticator app's code now (RFC 6238: SHA-1, 30 seconds, 6 digits)."""
    counter = int(time.time()) // 30
    digest = hmac.new(base64.b32decode(secret), struct.pack(">Q", counter), "sha1").digest()
    offset = digest[-1] & 0x0F
    return f"{(int.from_bytes(digest[offset : offset + 4], 'big') & 0x7FFFFFFF) % 1_000_000:06d}"


def form_token(html: str) -> str:
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)


def sign_in(server: Server, email: str) -> str:
    """Signs in through allauth's real forms (with the authenticator code if asked for one);
    returns the Cookie header for wrk."""
    cookies: dict[str, str] = {}

    def call(method, path, **kwargs):
        # The cookies are Secure and "__Host-": a client on plain http would not send them back.
        header = "; ".join(f"{name}={value}" for name, value in cookies.items())
        answer = requests.request(
            method,
            server.url + path,
            headers={
                **HTTPS,
                "Referer": f"https://{urlparse(server.url).netloc}{path}",
                "Cookie": header,
            },
            allow_redirects=False,
            timeout=30,
            **kwargs,
        )
        cookies.update({cookie.name: cookie.value for cookie in answer.cookies})
        return answer

    login = call("GET", "/accounts/login/")
    answer = call(
        "POST",
        "/accounts/login/",
        data={
            "csrfmiddlewaretoken": form_token(login.text),
            "login": email,
            "password": DEMO_PASSWORD,
        },
    )
    if "/2fa/" in answer.headers.get("Location", ""):
        path = urlparse(answer.headers["Location"]).path
        step = call("GET", path)
        answer = call(
            "POST", path, data={"csrfmiddlewaretoken": form_token(step.text), "code": totp_code()}
        )
    if answer.status_code != 302 or "__Host-sessionid" not in cookies:
        raise RuntimeError(f"could not sign in as {email}: {answer.status_code}")
    return f"__Host-sessionid={cookies['__Host-sessionid']}"


def measure(server: Server, path: str, *, clients: int, cookie: str = "") -> dict:
    headers = ["-H", "X-Forwarded-Proto: https"]
    if cookie:
        headers += ["-H", f"Cookie: {cookie}"]
    # A session cookie that names no session: the page is built afresh, not taken from the
    # visitors' page cache, so the query count is what a cache miss costs (plus one query
    # looking the session up).
    check = requests.get(
        server.url + path,
        headers={**HTTPS, "Cookie": cookie or "__Host-sessionid=no-such-session"},
        allow_redirects=False,
        timeout=30,
    )
    if check.status_code != 200:
        raise RuntimeError(f"{path} answered {check.status_code}, not 200")
    if not cookie:
        # One visitor first, as on a live site: wrk then measures the page as visitors get
        # it, not 50 clients all building it at once because this run just started.
        requests.get(server.url + path, headers=HTTPS, allow_redirects=False, timeout=60)
    result = subprocess.run(
        [
            "wrk",
            f"--threads={min(2, clients)}",
            f"--connections={clients}",
            f"--duration={DURATION}s",
            "--timeout=10s",
            "--script",
            str(ROOT / "bench" / "wrk_report.lua"),
            *headers,
            server.url + path,
        ],
        capture_output=True,
        text=True,
        check=True,
        timeout=DURATION + 60,
    )
    figures = json.loads(result.stdout.strip().splitlines()[-1])
    figures["queries"] = int(check.headers.get("X-Bench-Queries", "-1"))
    return figures


def compressed_size(url: str) -> int:
    answer = requests.get(
        url, headers={**HTTPS, "Accept-Encoding": "gzip"}, stream=True, timeout=30
    )
    return len(answer.raw.read(decode_content=False))


def page_weight(server: Server, path: str) -> dict:
    """Bytes of the page's HTML, style sheets and scripts as sent to a browser accepting gzip."""
    html = requests.get(server.url + path, headers=HTTPS, timeout=30).text
    base = server.url + path
    styles = re.findall(r'<link[^>]+rel="stylesheet"[^>]*href="([^"]+)"', html)
    styles += re.findall(r'<link[^>]+href="([^"]+)"[^>]*rel="stylesheet"', html)
    scripts = re.findall(r'<script[^>]+src="([^"]+)"', html)

    def local(urls):
        return [urljoin(base, url) for url in set(urls) if not urlparse(url).netloc]

    return {
        "html": compressed_size(base),
        "css": sum(compressed_size(url) for url in local(styles)),
        "js": sum(compressed_size(url) for url in local(scripts)),
    }


def public_paths(server: Server) -> dict[str, str]:
    listing = requests.get(server.url + "/opportunities/", headers=HTTPS, timeout=30).text
    opportunity = re.search(r'href="(/opportunities/[a-z0-9-]+/)"', listing).group(1)
    return {
        "home page": "/",
        "opportunities list": "/opportunities/",
        "opportunities list, filtered": "/opportunities/?open=1&type=focus_group",
        "an opportunity": opportunity,
        "jargon buster": "/jargon-buster/",
    }


def bulletin_send_seconds() -> str:
    result = subprocess.run(
        [PYTHON, "-m", "bench.bulletin_send"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        timeout=1800,
    )
    match = re.search(r"median\s+10000: ([\d.]+) s", result.stdout)
    return match.group(1) if match else f"failed: {result.stdout[-300:]} {result.stderr[-300:]}"


def write_results(results: dict):
    (ROOT / "bench" / "results.json").write_text(json.dumps(results, indent=2) + "\n")
    ceiling = results["ceiling"]["rps"]
    lines = [
        "# Benchmark results",
        "",
        f"One run of `make bench` on {results['when']}: {results['database']}, "
        f"{results.get('cache', 'the database cache')} as the cache, gunicorn with "
        f"{WORKERS} workers, {os.cpu_count()} CPUs, wrk for {DURATION} s per page on loopback. "
        f"Data: {results['scale']}. Compare the ratios, not the absolute figures: wrk and the "
        "server share the machine.",
        "",
        f"Load average (1 minute) when measuring began: {results.get('load_average', 0):.1f}.",
        "",
        "| page | clients | requests/s | share of ceiling | median ms | p95 ms | queries (uncached) |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for name, figures in results["pages"].items():
        lines.append(
            f"| {name} | {figures['clients']} | {figures['rps']:.0f} | "
            f"{figures['rps'] / ceiling:.0%} | {figures['p50_ms']:.1f} | {figures['p95_ms']:.1f} "
            f"| {figures['queries']} |"
        )
    lines += [
        "",
        "Page weight as a browser asking for gzip receives it: style sheets and scripts "
        "compressed by whitenoise, HTML as Django sends it, uncompressed (a proxy that "
        "compresses it would make it smaller still).",
        "",
        "| public page | HTML KB | CSS KB | JS KB | total KB |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    for name, weight in results["weights"].items():
        total = sum(weight.values())
        lines.append(
            f"| {name} | {weight['html'] / 1024:.1f} | {weight['css'] / 1024:.1f} | "
            f"{weight['js'] / 1024:.1f} | {total / 1024:.1f} |"
        )
    send = results["bulletin_send_s"]
    send = f"{send} s" if send.replace(".", "").isdigit() else send
    lines += ["", f"10,000-recipient bulletin send, two workers: {send}."]
    lines += ["", "## Targets", ""] + [f"- {verdict}" for verdict in results["verdicts"]]
    (ROOT / "bench" / "results.md").write_text("\n".join(lines) + "\n")


def verdicts(results: dict) -> list[str]:
    ceiling = results["ceiling"]["rps"]
    out = []
    for name, figures in results["pages"].items():
        if name in (CEILING, AFRESH):
            continue
        if figures["clients"] == PUBLIC_CLIENTS:
            share = figures["rps"] / ceiling
            good = share >= PUBLIC_TARGETS["share of ceiling"]
            good = good and figures["p95_ms"] < PUBLIC_TARGETS["public p95 ms"]
            target = "at least 60% of the ceiling, p95 under 100 ms"
            out.append(
                f"{'met' if good else 'NOT met'}: {name}: {share:.0%} of the ceiling, "
                f"p95 {figures['p95_ms']:.0f} ms ({target})"
            )
        else:
            good = figures["p95_ms"] < SIGNED_IN_P95_MS
            out.append(
                f"{'met' if good else 'NOT met'}: {name}: p95 {figures['p95_ms']:.0f} ms "
                f"(target under {SIGNED_IN_P95_MS} ms at {SIGNED_IN_CLIENTS} clients)"
            )
    for name, weight in results["weights"].items():
        total_kb, js_kb = sum(weight.values()) / 1024, weight["js"] / 1024
        good = total_kb < PUBLIC_TARGETS["weight KB"] and js_kb < PUBLIC_TARGETS["JS KB"]
        out.append(
            f"{'met' if good else 'NOT met'}: {name} weighs {total_kb:.0f} KB with "
            f"{js_kb:.0f} KB of JavaScript (targets under 150 KB and 50 KB)"
        )
    return out


def main() -> int:
    if not shutil.which("wrk"):
        print("wrk is missing: run bin/ensure-wrk", file=sys.stderr)
        return 2
    if KEEP:
        work = Path(KEEP).resolve()
        work.mkdir(parents=True, exist_ok=True)
    else:
        work = Path(tempfile.mkdtemp(prefix="involve-bench-"))
    environment = Environment(work)
    server = None
    try:
        if environment.reused:
            print(f"reusing the data set in {environment.database_url}", flush=True)
            # Migrations added since the data set was built.
            environment.manage("migrate", "--no-input")
        else:
            print(
                f"building the data set (scale {SCALE}) in {environment.database_url}", flush=True
            )
            environment.create()
            if KEEP:
                environment.save()
        server = Server(environment)
        results = {
            "when": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
            "database": "PostgreSQL" if environment.postgres_admin_url else "SQLite",
            # The cache holds visitors' pages: Redis as production runs it, else the database.
            "cache": "Redis" if environment.env.get("REDIS_URL") else "the database cache",
            "scale": f"{int(20_000 * SCALE)} members, {int(2_000 * SCALE)} opportunities, "
            f"{int(50_000 * SCALE)} sessions",
            "pages": {},
            "weights": {},
        }
        # Other work on the machine shares the CPUs with the server and wrk: say how much.
        results["load_average"] = os.getloadavg()[0]
        results["ceiling"] = measure(server, "/bench/ceiling/", clients=PUBLIC_CLIENTS)
        results["pages"][CEILING] = {
            **results["ceiling"],
            "clients": PUBLIC_CLIENTS,
        }
        for name, path in public_paths(server).items():
            print(f"measuring {name}", flush=True)
            results["pages"][name] = {
                **measure(server, path, clients=PUBLIC_CLIENTS),
                "clients": PUBLIC_CLIENTS,
            }
            results["weights"][name] = page_weight(server, path)
        member = sign_in(server, MEMBER)
        coordinator = sign_in(server, "coordinator@example.org")
        for name, path, cookie in [
            ("member dashboard", "/members/", member),
            ("coordinator's applications", "/admin/applications/", coordinator),
        ]:
            print(f"measuring {name}", flush=True)
            results["pages"][name] = {
                **measure(server, path, clients=SIGNED_IN_CLIENTS, cookie=cookie),
                "clients": SIGNED_IN_CLIENTS,
            }
        server.stop()
        # For comparison, not a target: the dashboard built afresh on every request, as it
        # is the first time after anything changes for the member (decision 0009).
        print("measuring the member dashboard built afresh", flush=True)
        server = Server(environment, extra_env={"PERSONAL_FRAGMENT_SECONDS": "0"})
        results["pages"][AFRESH] = {
            **measure(
                server, "/members/", clients=SIGNED_IN_CLIENTS, cookie=sign_in(server, MEMBER)
            ),
            "clients": SIGNED_IN_CLIENTS,
        }
        server.stop()
        server = None
        if os.environ.get("BENCH_BULLETIN", "1") == "1":
            print("timing the 10,000-recipient bulletin send", flush=True)
            results["bulletin_send_s"] = bulletin_send_seconds()
        else:
            results["bulletin_send_s"] = "not measured (BENCH_BULLETIN=0)"
        results["verdicts"] = verdicts(results)
        results["median_public_share"] = statistics.median(
            figures["rps"] / results["ceiling"]["rps"]
            for name, figures in results["pages"].items()
            if figures["clients"] == PUBLIC_CLIENTS and name != CEILING
        )
        write_results(results)
        if os.environ.get("BENCH_CLUSTER", "1") == "1":
            # Two web servers against one, on this data set: its own section of results.md.
            from bench import cluster_load

            print("measuring two web servers against one", flush=True)
            cluster_load.run(environment)
        print((ROOT / "bench" / "results.md").read_text())
        return 0
    finally:
        if server is not None:
            server.stop()
        if not KEEP:
            environment.drop()
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
