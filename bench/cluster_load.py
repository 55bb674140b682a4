"""``make bench``, the cluster run: requests per second through the round-robin proxy with
two web servers against one, in the same run, on the same data set and database.

``bench.site_load`` calls :func:`run` once its own measurements are done (PostgreSQL only:
several servers need a database server); ``python -m bench.cluster_load`` runs it alone,
building the data set as ``make bench`` does (``BENCH_SCALE``, ``BENCH_KEEP`` and
``DATABASE_URL`` work the same way).

Each layout is ``bench.cluster_run.LocalCluster`` with no task clusters: one or two gunicorn
servers of ``SERVER_WORKERS`` workers each behind ``bench.proxy``, sharing PostgreSQL and
Redis (its own database number, emptied before and after). wrk drives the proxy, so both
layouts pay the same proxy cost. The figures go into ``bench/results.md`` as their own
section, after whatever ``bench.site_load`` wrote.
"""

import os
import re
import shutil
import sys
import tempfile
from pathlib import Path
from types import SimpleNamespace

from bench import site_load
from bench.cluster_run import LocalCluster, flush_redis

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results.md"
SECTION_TITLE = "## Two web servers against one"
REDIS_URL = os.environ.get("BENCH_CLUSTER_REDIS_URL", "redis://127.0.0.1:6379/13")
SERVER_WORKERS = 2
CLIENTS = 50
TARGET_RATIO = 1.6
# name: (path, cookie). A cookie naming no session makes the page be built afresh rather
# than taken from the visitors' page cache: the CPU-heavy case.
PAGES = {
    "trivial view (ceiling)": ("/bench/ceiling/", ""),
    "home page (visitors' page cache)": ("/", ""),
    "opportunities list (built afresh)": ("/opportunities/", "__Host-sessionid=no-such-session"),
}


# name: (web servers, gunicorn workers each). The last is the control: as many workers as
# two servers have, in one server, which tells how much of any gain is the second server.
LAYOUTS = {
    "one": (1, SERVER_WORKERS),
    "two": (2, SERVER_WORKERS),
    "one, twice the workers": (1, 2 * SERVER_WORKERS),
}


def measure(env: dict, work: Path) -> dict:
    """Requests per second for each page in each layout."""
    env = {**env, "REDIS_URL": REDIS_URL}
    flush_redis(REDIS_URL)
    figures: dict[str, dict[str, dict]] = {name: {} for name in PAGES}
    figures["load average"] = {"before": os.getloadavg()[0]}
    try:
        for layout, (servers, workers) in LAYOUTS.items():
            print(f"cluster run: {servers} web server(s) of {workers} workers", flush=True)
            with LocalCluster(
                env,
                work=work / f"cluster-{servers}-{workers}",
                web_servers=servers,
                task_clusters=0,
                gunicorn_workers=workers,
            ) as cluster:
                target = SimpleNamespace(url=cluster.url)
                for name, (path, cookie) in PAGES.items():
                    figures[name][layout] = site_load.measure(
                        target, path, clients=CLIENTS, cookie=cookie
                    )
    finally:
        flush_redis(REDIS_URL)
    figures["load average"]["after"] = os.getloadavg()[0]
    return figures


def section(figures: dict) -> str:
    cpus = os.cpu_count()
    figures = dict(figures)
    load = figures.pop("load average")
    lines = [
        SECTION_TITLE,
        "",
        f"The same run, through the round-robin proxy (`bench/proxy.py`): one gunicorn server "
        f"of {SERVER_WORKERS} workers, then two such servers, both on the same PostgreSQL and "
        f"Redis; wrk with {CLIENTS} connections for {site_load.DURATION} s per page; "
        f"{cpus} CPUs shared by wrk, the proxy and every server. Target: two servers give at "
        f"least {TARGET_RATIO} times the requests per second of one. The control is one "
        f"server with {2 * SERVER_WORKERS} workers, as many as the two servers have together. "
        f"Load average before and after: {load['before']:.1f} and {load['after']:.1f} (anything "
        f"much above {cpus} means other work shared the CPUs and the figures are rough).",
        "",
        "| page | one server req/s | two servers req/s | ratio | control req/s | "
        "p95 ms (one / two) |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    ratios, control_ratios = [], []
    for name, by_layout in figures.items():
        one, two = by_layout["one"], by_layout["two"]
        control = by_layout["one, twice the workers"]
        ratio = two["rps"] / one["rps"] if one["rps"] else 0
        ratios.append(ratio)
        control_ratios.append(control["rps"] / one["rps"] if one["rps"] else 0)
        lines.append(
            f"| {name} | {one['rps']:.0f} | {two['rps']:.0f} | {ratio:.2f} | "
            f"{control['rps']:.0f} | {one['p95_ms']:.0f} / {two['p95_ms']:.0f} |"
        )
    verdict = "met" if min(ratios) >= TARGET_RATIO else "NOT met"
    lines += [
        "",
        f"- {verdict} on every page: ratios {', '.join(f'{r:.2f}' for r in ratios)} "
        f"(target {TARGET_RATIO}).",
        f"- The control (one server, {2 * SERVER_WORKERS} workers) reaches "
        f"{', '.join(f'{r:.2f}' for r in control_ratios)} times one server.",
        f"- On this machine {cpus} CPUs run wrk, the proxy and every server, so a page that "
        "keeps the CPUs busy (built afresh) cannot gain from a second server here; two servers "
        "on two machines add CPUs, which is what the target is about. Figures vary from run "
        "to run, widely when other work shares the CPUs (see the load average). The cluster test "
        "(tests/cluster/test_cluster.py) shows the servers share everything correctly.",
    ]
    return "\n".join(lines) + "\n"


def write(figures: dict) -> str:
    """Put the section into bench/results.md in place of any earlier one."""
    text = section(figures)
    existing = RESULTS.read_text() if RESULTS.exists() else "# Benchmark results\n"
    existing = re.sub(rf"\n{re.escape(SECTION_TITLE)}\n.*?(?=\n## |\Z)", "", existing, flags=re.S)
    RESULTS.write_text(existing.rstrip("\n") + "\n\n" + text)
    return text


def run(environment: "site_load.Environment") -> str:
    """From ``bench.site_load``: measure on its data set and write the section."""
    if not environment.postgres_admin_url and not environment.database_url.startswith("postgres"):
        return "cluster run skipped: it needs PostgreSQL (DATABASE_URL=postgres://...)"
    return write(measure(environment.env, environment.work))


def main() -> int:
    if not shutil.which("wrk"):
        print("wrk is missing: run bin/ensure-wrk", file=sys.stderr)
        return 2
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        print("the cluster run needs DATABASE_URL=postgres://...", file=sys.stderr)
        return 2
    keep = site_load.KEEP
    work = Path(keep).resolve() if keep else Path(tempfile.mkdtemp(prefix="involve-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    environment = site_load.Environment(work)
    try:
        if not environment.reused:
            print(f"building the data set (scale {site_load.SCALE})", flush=True)
            environment.create()
            if keep:
                environment.save()
        print(run(environment))
        return 0
    finally:
        if not keep:
            environment.drop()
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
