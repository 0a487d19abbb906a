"""Independent work (one race each) spread over the machine's CPUs.

Races are read in worker processes only where that pays: a dataset with many races, more
than one CPU, and Linux's ``fork`` (the workers then share the parent's memory instead of
importing and pickling everything again; macOS advises against forking, Windows cannot).
Results come back in the order asked for, so the output is the same whatever the number
of workers. ``PLATFORMS_JOBS=1`` reads in the calling process alone. A worker never
outlives the process that started it: Linux kills it when its parent dies
(``PR_SET_PDEATHSIG``), even by SIGKILL, so no worker is left blocked on a pipe.

While races are read, Python's cycle collector is paused: reading builds millions of small
objects, none of them in a reference cycle (refcounting frees them all), and the collector
would otherwise spend a fifth of the time walking them.
"""

from __future__ import annotations

import gc
import os
import signal
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager

#: Fewer races than this are read in the calling process: starting workers would cost more.
MIN_ITEMS = 64
_CHUNK = 16

_work: tuple | None = None  # (function, context) in a worker process


def jobs() -> int:
    """How many processes to use: ``PLATFORMS_JOBS`` when set to a whole number, else the
    CPUs this process may run on."""
    wanted = os.environ.get("PLATFORMS_JOBS", "").strip()
    if wanted.isdigit() and int(wanted) > 0:
        return int(wanted)
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cycle collector for bulk reading (whose objects hold no cycles)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def ordered_map(function: Callable, context, items: Sequence) -> Iterator:
    """``function(context, item)`` for each item, in order; in worker processes when the
    work is large enough. ``function`` must be a module-level function and its results
    picklable."""
    with collector_paused():
        workers = min(jobs(), len(items) // _CHUNK) if len(items) >= MIN_ITEMS else 1
        if workers < 2 or not sys.platform.startswith("linux"):
            for item in items:
                yield function(context, item)
            return
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        sys.stdout.flush()  # a forked worker flushes its copy of these buffers when it exits
        sys.stderr.flush()
        gc.freeze()  # keep the shared pages shared: nothing in the workers writes to them
        pool = ProcessPoolExecutor(
            workers,
            mp_context=multiprocessing.get_context("fork"),
            initializer=_start,
            initargs=(function, context, os.getpid()),
        )
        try:
            yield from pool.map(_call, items, chunksize=_CHUNK)
        finally:
            pool.shutdown(wait=False, cancel_futures=True)
            gc.unfreeze()


def _start(function: Callable, context, parent: int) -> None:
    """Worker set-up: die with the parent, remember the work, and leave Ctrl-C to the
    parent, which stops."""
    global _work
    _die_with(parent)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _work = (function, context)


#: prctl(2) option: the signal this process gets when its parent exits.
PR_SET_PDEATHSIG = 1


def _die_with(parent: int) -> None:
    """Have Linux send this worker SIGKILL when the process ``parent`` exits, however it
    exits; if it has exited already (before the request took effect), exit now."""
    import ctypes

    try:
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):  # no prctl: the pool's own checks remain
        pass
    if os.getppid() != parent:
        os._exit(1)


def _call(item):
    assert _work is not None, "set by the pool's initializer"
    function, context = _work
    return function(context, item)
