"""What the benchmarks that run muni as a user would share: the command, a run measured
(wall time, peak memory), and a sources.yaml for sites on loopback."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

# Runs a command and prints its wall time and the peak RSS of it and its children.
_MEASURE = ("import resource, subprocess, sys, time; t = time.perf_counter(); "
            "r = subprocess.run(sys.argv[1:], capture_output=True, text=True); "
            "print(r.returncode, time.perf_counter() - t, "
            "resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, repr(r.stderr[-300:]))")


def muni_command(data: Path, *args: str) -> list[str]:
    """`muni` on a data folder, quiet."""
    return [sys.executable, "-m", "muni", "--quiet", "--data-dir", str(data), *args]


def measure(*command: str) -> dict:
    """Run a command to its end: its seconds and the peak memory (MB) of its processes."""
    out = subprocess.run([sys.executable, "-c", _MEASURE, *command], capture_output=True,
                         text=True, check=True).stdout.split(maxsplit=3)
    if out[0] != "0":
        raise RuntimeError(f"{' '.join(command)} failed: {out[3]}")
    return {"seconds": round(float(out[1]), 2), "peak_rss_mb": round(int(out[2]) / 1024, 1)}


def write_sources(path: Path, sources: list[tuple[str, str, str]], delay: float) -> Path:
    """A sources.yaml of (name, language, start URL) with one crawl delay."""
    lines = ["sources:"]
    for name, language, url in sources:
        lines += [f"  - name: {name}", f"    language: {language}", f"    start_urls: [{url}]",
                  f"    delay: {delay}"]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path
