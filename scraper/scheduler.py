"""The scheduler: a queue per host, one request in flight per host, a delay between them.

Hosts are served in the order they become ready again, so many hosts are crawled in
parallel while each one sees a single polite client.
"""

from __future__ import annotations

import heapq
import itertools
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from scraper.robots import Robots

R = TypeVar("R")


@dataclass
class HostSlot(Generic[R]):
    key: str
    queue: deque[R] = field(default_factory=deque)
    next_time: float = 0.0
    busy: bool = False
    scheduled: bool = False
    delay: float | None = None  # known once robots.txt has been read
    robots: Robots | None = None  # the host's robots.txt, once read
    first: R | None = None  # the request every other waits for (robots.txt)


class Scheduler(Generic[R]):
    """Thread-safe. `on_new_host(key)` may return a request to put first (robots.txt)."""

    def __init__(self, key_of: Callable[[R], str],
                 on_new_host: Callable[[str], R | None] = lambda key: None) -> None:
        self._key_of = key_of
        self._on_new_host = on_new_host
        self._cond = threading.Condition()
        self._slots: dict[str, HostSlot[R]] = {}
        self._ready: list[tuple[float, int, str]] = []
        self._seq = itertools.count()
        self._busy = 0
        self._closed = False

    def push(self, request: R, front: bool = False) -> None:
        """Queue a request for its host; `front` puts it before the host's others (a
        redirect's target), but never before the host's first request (robots.txt)."""
        with self._cond:
            key = self._key_of(request)
            slot = self._slots.get(key)
            if slot is None:
                slot = self._slots[key] = HostSlot(key)
                first = self._on_new_host(key)
                if first is not None:
                    slot.queue.append(first)
                    slot.first = first
            if front:
                slot.queue.insert(1 if slot.queue and slot.queue[0] is slot.first else 0,
                                  request)
            else:
                slot.queue.append(request)
            self._schedule(slot)

    def _schedule(self, slot: HostSlot[R]) -> None:
        if not slot.busy and not slot.scheduled and slot.queue:
            heapq.heappush(self._ready, (slot.next_time, next(self._seq), slot.key))
            slot.scheduled = True
            self._cond.notify()

    def next(self) -> tuple[HostSlot[R], R] | None:
        """The next request whose host is free and rested; None when the crawl is over."""
        with self._cond:
            while not self._closed:
                if self._ready:
                    when, _, key = self._ready[0]
                    now = time.monotonic()
                    if when <= now:
                        heapq.heappop(self._ready)
                        slot = self._slots[key]
                        slot.scheduled = False
                        slot.busy = True
                        self._busy += 1
                        return slot, slot.queue.popleft()
                    self._cond.wait(when - now)
                elif self._busy == 0:
                    self._closed = True
                    self._cond.notify_all()
                else:
                    self._cond.wait()
            return None

    def release(self, slot: HostSlot[R], not_before: float) -> None:
        """The host's request is done; its next one may start at monotonic `not_before`."""
        with self._cond:
            slot.busy = False
            self._busy -= 1
            slot.next_time = not_before
            self._schedule(slot)  # wakes one worker if the host has more to do
            if self._busy == 0 and not self._ready:
                self._cond.notify_all()  # nothing left anywhere: let every worker finish

    def close(self) -> None:
        with self._cond:
            self._closed = True
            self._cond.notify_all()

    def queued(self) -> int:
        with self._cond:
            return sum(len(s.queue) for s in self._slots.values())
