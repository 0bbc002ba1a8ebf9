"""No orphans: a process that ends when the one that started it does, killed or not
(Linux's PR_SET_PDEATHSIG). The parse stage's forkserver imports this module first (its
preload), so that it dies with muni; each worker calls `die_with_parent` as it starts, so
that it dies with the forkserver. A parent that died before the signal was asked for is
caught by looking: muni's pid is in the environment (MUNI_PARSE_PID). Elsewhere than
Linux it does nothing."""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import signal
import sys

PR_SET_PDEATHSIG = 1  # prctl(2): the signal a process gets when its parent dies
PARENT = "MUNI_PARSE_PID"  # the muni process whose parse this process serves


def die_with_parent() -> None:
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):  # not Linux: the pool's own shutdown must do
        return
    muni = int(os.environ.get(PARENT, "0"))
    if muni and not _alive(muni):  # it died before the signal could be asked for
        os._exit(1)


def _alive(pid: int) -> bool:
    """Whether the process runs: a killed one its parent has not reaped yet (a zombie)
    does not (kill(pid, 0) still finds it)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as stat:
            return stat.read().rpartition(")")[2].split()[:1] != ["Z"]
    except OSError:  # no /proc: its existence is all there is to tell
        return True


def start_helpers() -> None:
    """Start multiprocessing's resource tracker and forkserver with standard output on
    /dev/null: each would hold muni's output open until it noticed muni gone (a cron
    wrapper reading a killed parse's output waits for that), and neither writes to it."""
    from multiprocessing import forkserver, resource_tracker

    sys.stdout.flush()
    kept, null = os.dup(1), os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(null, 1)
        resource_tracker.ensure_running()
        forkserver.ensure_running()
    finally:
        os.dup2(kept, 1)
        os.close(kept)
        os.close(null)


def _in_forkserver() -> bool:
    """Whether this import is the forkserver's preload (multiprocessing starts it as
    `python -c 'from multiprocessing.forkserver import main; ...'`), not muni's own."""
    return sys.argv == ["-c"] and "multiprocessing.forkserver" in sys.modules


if _in_forkserver():
    die_with_parent()
