"""Tasks for the killed-worker test, run by a real django-q2 cluster in another process.

Each attempt is recorded as a file, so the test can count attempts without touching the
database the cluster is using.
"""

import os
import signal
from pathlib import Path


def _attempt(marker_dir: str, name: str) -> int:
    folder = Path(marker_dir)
    number = len(list(folder.glob(f"{name}-attempt-*"))) + 1
    (folder / f"{name}-attempt-{number}").write_text(str(os.getpid()))
    return number


def dies_the_first_time(marker_dir: str) -> str:
    """The worker is killed outright (as by the kernel's out-of-memory killer) part-way
    through the first attempt; the second attempt finishes."""
    if _attempt(marker_dir, "dies") == 1:
        os.kill(os.getpid(), signal.SIGKILL)
    (Path(marker_dir) / "dies-finished").write_text("done")
    return "done"


def always_fails(marker_dir: str) -> None:
    _attempt(marker_dir, "fails")
    raise RuntimeError("this task always fails")
