"""Whether other Python threads run while nidan verifies.

nidan releases the GIL while the core checks a window. This compares, in
one process and interleaved over rounds (medians), a worker thread doing
±100-step verifications with a worker doing C work that holds the GIL
(``sorted`` on a list, sized to take as long per call), and with a worker
that sleeps as long:

- **progress**: iterations of a pure-Python loop on the main thread beside
  the worker, relative to beside the sleeping one (1.0: not slowed at all);
- **two threads**: calls per second on two threads relative to one (up to
  2.0 when the calls run in parallel on two free cores).

Run: .venv/bin/python benches/python/gil.py   (about a minute)
"""

from __future__ import annotations

import argparse
import random
import statistics
import threading
import time
from typing import Callable

import nidan

TOTP = nidan.TOTP("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ")
AT = 1111111109
SIDE = 100


def nidan_call() -> None:
    TOTP.verify("000000", time=AT, behind=SIDE, ahead=SIDE)


def sized_sort() -> Callable[[], None]:
    """A call to ``sorted`` (C, GIL held throughout) as long as ``nidan_call``."""
    one = timed_calls(nidan_call, 200) / 200
    data = [random.random() for _ in range(1000)]
    while timed_calls(lambda: sorted(data), 50) / 50 < one:
        data *= 2

    def call() -> None:
        sorted(data)

    return call


def timed_calls(call: Callable[[], object], count: int) -> float:
    start = time.perf_counter()
    for _ in range(count):
        call()
    return time.perf_counter() - start


def loop_rate_beside(work: Callable[[], None]) -> float:
    """Iterations per second of a Python loop while ``work`` runs on a thread."""
    done = threading.Event()

    def worker() -> None:
        work()
        done.set()

    thread = threading.Thread(target=worker)
    start = time.perf_counter()
    thread.start()
    count = 0
    while not done.is_set():
        count += 1
    thread.join()
    return count / (time.perf_counter() - start)


def repeated(call: Callable[[], None], count: int) -> Callable[[], None]:
    def work() -> None:
        for _ in range(count):
            call()

    return work


def calls_per_second(call: Callable[[], None], threads: int, count: int) -> float:
    workers = [threading.Thread(target=repeated(call, count)) for _ in range(threads)]
    start = time.perf_counter()
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    return threads * count / (time.perf_counter() - start)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--count", type=int, default=300, help="calls per worker and round")
    arguments = parser.parse_args()
    count = arguments.count
    sort_call = sized_sort()
    cases = {f"nidan verify ±{SIDE}": nidan_call, "sorted() holding the GIL": sort_call}
    progress: dict[str, list[float]] = {name: [] for name in cases}
    scaling: dict[str, list[float]] = {name: [] for name in cases}
    for _ in range(arguments.rounds):
        for name, call in cases.items():
            start = time.perf_counter()
            beside = loop_rate_beside(repeated(call, count))
            busy = time.perf_counter() - start
            idle = loop_rate_beside(repeated(lambda: time.sleep(busy / count), count))
            progress[name].append(beside / idle)
            scaling[name].append(calls_per_second(call, 2, count) / calls_per_second(call, 1, count))
    print("| worker | main-thread progress | two threads / one |")
    print("| --- | ---: | ---: |")
    for name in cases:
        print(f"| {name} | {statistics.median(progress[name]):.2f} | {statistics.median(scaling[name]):.2f} |")


if __name__ == "__main__":
    main()
