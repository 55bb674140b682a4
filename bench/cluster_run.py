"""Several web servers and task clusters on this machine, sharing PostgreSQL, Redis and one
media folder, behind the round-robin proxy (``bench.proxy``).

``make cluster`` (``python -m bench.cluster_run``) makes or reuses the database named by
``DATABASE_URL`` (default ``postgres://postgres@127.0.0.1:5432/involve_cluster``), migrates
it and loads the demo site, then starts two gunicorn servers on their own ports, two
``manage.py qcluster`` task clusters, and the proxy; prints the address; and stops
everything it started on Ctrl-C. ``REDIS_URL`` defaults to ``redis://127.0.0.1:6379/2``.

``LocalCluster`` is the same machinery for the cluster test (tests/cluster/) and the
cluster benchmark (``bench.cluster_load``). It only ever signals processes it started,
each by its own id.
"""

import contextlib
import os
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
START_TIMEOUT = 120


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def children(pid: int) -> list[int]:
    """The ids of ``pid``'s child processes, and theirs (Linux: from /proc)."""
    found = []
    for children_file in Path(f"/proc/{pid}/task").glob("*/children"):
        try:
            direct = [int(child) for child in children_file.read_text().split()]
        except OSError:  # the process or thread has just ended
            continue
        for child in direct:
            found.append(child)
            found.extend(children(child))
    return found


def health(url: str, timeout: float = 5) -> dict | None:
    """The site's /health/ answer, or None if nothing answered."""
    try:
        return requests.get(url + "/health/", timeout=timeout).json()
    except (requests.RequestException, ValueError):
        return None


def cluster_environment(
    *, database_url: str, redis_url: str, work: Path, secret_key: str | None = None
) -> dict:
    """What every web server and task cluster of one local cluster shares."""
    for folder in ("media", "private-media", "emails", "logs"):
        (work / folder).mkdir(parents=True, exist_ok=True)
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.cluster_settings",
        "DATABASE_URL": database_url,
        "REDIS_URL": redis_url,
        "SECRET_KEY": secret_key or secrets.token_urlsafe(64),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "MEDIA_ROOT": str(work / "media"),
        "PRIVATE_MEDIA_ROOT": str(work / "private-media"),
        "INVOLVE_CLUSTER_EMAIL_DIR": str(work / "emails"),
        "LOG_LEVEL": "WARNING",
    }


class LocalCluster:
    """``with LocalCluster(env, work=...) as cluster:`` runs ``web_servers`` gunicorn servers
    and ``task_clusters`` django-q2 clusters on ``env``, and the proxy on ``cluster.url``."""

    def __init__(
        self,
        env: dict,
        *,
        work: Path,
        web_servers: int = 2,
        task_clusters: int = 2,
        gunicorn_workers: int = 2,
        q_workers: int = 2,
        proxy_port: int | None = None,
    ):
        self.env = {**env, "Q_WORKERS": str(q_workers)}
        self.logs = Path(work) / "logs"
        self.logs.mkdir(parents=True, exist_ok=True)
        self.gunicorn_workers = gunicorn_workers
        self.web_ports = [free_port() for _ in range(web_servers)]
        self.task_clusters = task_clusters
        self.proxy_port = proxy_port or free_port()
        self.url = f"http://127.0.0.1:{self.proxy_port}"
        self.processes: dict[str, subprocess.Popen] = {}
        self._log_files = contextlib.ExitStack()

    def server_url(self, index: int) -> str:
        return f"http://127.0.0.1:{self.web_ports[index]}"

    def _start(self, name: str, command: list[str]) -> subprocess.Popen:
        # Closed by stop(), with the others, once the process has ended.
        log = self._log_files.enter_context(open(self.logs / f"{name}.log", "ab"))  # noqa: SIM115
        # Our own interpreter and modules: nothing here comes from outside. A session of its
        # own, so Ctrl-C in a terminal reaches only us, and we stop each in turn.
        process = subprocess.Popen(
            command,
            cwd=ROOT,
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self.processes[name] = process
        return process

    def start_web_server(self, index: int) -> None:
        self._start(
            f"web-{index + 1}",
            [
                PYTHON,
                "-m",
                "gunicorn",
                "cms.wsgi",
                f"--workers={self.gunicorn_workers}",
                f"--bind=127.0.0.1:{self.web_ports[index]}",
                "--log-level=warning",
                "--timeout=60",
            ],
        )

    def start(self) -> "LocalCluster":
        for index in range(len(self.web_ports)):
            self.start_web_server(index)
        for index in range(self.task_clusters):
            self._start(f"tasks-{index + 1}", [PYTHON, "manage.py", "qcluster"])
        self._start(
            "proxy",
            [PYTHON, "-m", "bench.proxy", f"--listen=127.0.0.1:{self.proxy_port}"]
            + [f"--backend=127.0.0.1:{port}" for port in self.web_ports],
        )
        self.wait_until_ready()
        return self

    def wait_until_ready(self) -> None:
        """Every web server answers /health/, and reports every task cluster running."""
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            self.check_alive()
            answers = [health(self.server_url(i)) for i in range(len(self.web_ports))]
            through_proxy = health(self.url)
            if (
                all(answers)
                and through_proxy
                and all(a["task_queue"].get("workers", 0) >= self.task_clusters for a in answers)
            ):
                return
            time.sleep(0.5)
        raise RuntimeError(
            f"the cluster did not start within {START_TIMEOUT} s; logs in {self.logs}"
        )

    def check_alive(self) -> None:
        for name, process in self.processes.items():
            if process.poll() is not None:
                log = (self.logs / f"{name}.log").read_text(errors="replace")[-3000:]
                raise RuntimeError(f"{name} stopped (exit {process.returncode}):\n{log}")

    def kill_web_server(self, index: int) -> None:
        """SIGKILL one web server, its workers first: as if its machine had died."""
        process = self.processes.pop(f"web-{index + 1}")
        for pid in children(process.pid):
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        process.kill()
        process.wait(timeout=10)

    def stop(self) -> None:
        """Ask each process to stop (the task clusters finish the task in hand); kill
        whatever is left after 20 seconds. Only processes this object started."""
        families = {name: children(p.pid) for name, p in self.processes.items()}
        for process in self.processes.values():
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        deadline = time.monotonic() + 20
        for process in self.processes.values():
            try:
                process.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=5)
        for family in families.values():
            for pid in family:
                with contextlib.suppress(ProcessLookupError):
                    os.kill(pid, signal.SIGKILL)
        self.processes.clear()
        self._log_files.close()

    def __enter__(self):
        try:
            return self.start()
        except BaseException:
            self.stop()
            raise

    def __exit__(self, *exc):
        self.stop()
        return False


def flush_redis(redis_url: str) -> None:
    import redis

    redis.Redis.from_url(redis_url).flushdb()


def prepare_database(env: dict, database_url: str, demo_password: str) -> None:
    """Make the PostgreSQL database if it is missing, migrate it, load the demo site."""
    name = database_url.rsplit("/", 1)[1]
    created = subprocess.run(
        ["createdb", "-h", "127.0.0.1", "-U", "postgres", name], capture_output=True, text=True
    )
    if created.returncode and "already exists" not in created.stderr:
        raise RuntimeError(f"could not make the database {name}: {created.stderr}")
    for command in (
        ["migrate", "--no-input", "-v", "0"],
        ["createcachetable"],
        ["ensure_schedules"],
        ["load_demo_data", "--password", demo_password],
    ):
        subprocess.run([PYTHON, "manage.py", *command], cwd=ROOT, env=env, check=True)


def main() -> int:
    database_url = os.environ.get(
        "DATABASE_URL", "postgres://postgres@127.0.0.1:5432/involve_cluster"
    )
    if not database_url.startswith("postgres"):
        print("make cluster needs PostgreSQL: set DATABASE_URL=postgres://...", file=sys.stderr)
        return 2
    redis_url = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/2")
    work = Path(os.environ.get("CLUSTER_DIR", Path(tempfile.gettempdir()) / "involve-cluster"))
    work.mkdir(parents=True, exist_ok=True)
    # Kept between runs: the demo data is encrypted with keys derived from it.
    key_file = work / "secret-key"
    if not key_file.exists():
        key_file.write_text(secrets.token_urlsafe(64))
        key_file.chmod(0o600)
    password_file = ROOT / ".demo-password"
    if not password_file.exists():
        password_file.write_text(secrets.token_urlsafe(12) + "\n")
    env = cluster_environment(
        database_url=database_url,
        redis_url=redis_url,
        work=work,
        secret_key=key_file.read_text().strip(),
    )
    prepare_database(env, database_url, password_file.read_text().strip())
    port = int(os.environ.get("PORT", "8000"))
    stop_now = []

    def ask_to_stop(signum, frame):
        stop_now.append(signum)

    signal.signal(signal.SIGINT, ask_to_stop)
    signal.signal(signal.SIGTERM, ask_to_stop)
    with LocalCluster(env, work=work, proxy_port=port) as cluster:
        print(
            f"\n  Involve is running at {cluster.url}/ (round robin over "
            + ", ".join(cluster.server_url(i) for i in range(len(cluster.web_ports)))
            + f")\n  Two task clusters; PostgreSQL {database_url}; Redis {redis_url}"
            f"\n  Shared media in {work / 'media'}; emails written to {work / 'emails'};"
            f" logs in {cluster.logs}"
            f"\n  Demo sign-ins as for `make run` (password in .demo-password)."
            "\n  Ctrl-C stops everything.\n",
            flush=True,
        )
        while not stop_now:
            cluster.check_alive()
            time.sleep(0.5)
        print("stopping the web servers, task clusters and proxy", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
