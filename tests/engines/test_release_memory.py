"""`release_memory`: the heap pages an engine freed go back to the system between shards."""

import ctypes
import ctypes.util

import pytest

from locpipe.engines import release_memory

libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
glibc = hasattr(libc, "malloc_trim")


def rss_mb() -> float:
    with open("/proc/self/status") as status:
        return next(int(x.split()[1]) for x in status if x.startswith("VmRSS")) / 1024


@pytest.mark.skipif(not glibc, reason="malloc_trim is glibc's")
def test_freed_blocks_below_a_live_one_go_back_to_the_system():
    libc.malloc.restype = ctypes.c_void_p
    libc.free.argtypes = [ctypes.c_void_p]
    libc.memset.argtypes = [ctypes.c_void_p, ctypes.c_int, ctypes.c_size_t]
    size, count = 64 * 1024, 3_200  # 200 MB in blocks under the mmap threshold: the heap
    blocks = [libc.malloc(size) for _ in range(count)]
    for b in blocks:
        libc.memset(b, 1, size)  # touched: resident
    keep = libc.malloc(size)  # a live block on top: free() alone cannot shrink the heap
    for b in blocks:
        libc.free(b)
    before = rss_mb()
    release_memory()
    after = rss_mb()
    libc.free(keep)
    assert before - after > 150, (before, after)


def test_it_is_harmless_to_call_any_time():
    release_memory()
    release_memory()


def test_it_starts_no_process_per_call(monkeypatch):
    """Twice a shard: the library lookup (find_library runs `ldconfig -p`) happens once."""
    import subprocess

    release_memory()
    started = []
    monkeypatch.setattr(subprocess, "Popen", lambda *a, **k: started.append(a))
    for _ in range(3):
        release_memory()
    assert started == []
