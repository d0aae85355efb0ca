"""The second process of a cold build: its result comes back whole, and its failure fails the build."""

from __future__ import annotations

import functools
import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from noticeboard.registries.aside import Aside, AsideFailed, Claims, Relay, asked_to_end


def _write_and_report(folder: Path) -> dict[str, int]:
    (folder / "poster.html").write_text("海报", encoding="utf-8")
    return {"poster.html": os.getpid()}


@pytest.mark.parametrize("fork", [True, False])
def test_the_work_is_done_and_its_result_comes_back(tmp_path: Path, fork: bool) -> None:
    aside = Aside(lambda: _write_and_report(tmp_path), fork=fork)
    result = aside.result()
    assert (tmp_path / "poster.html").read_text(encoding="utf-8") == "海报"
    assert (result["poster.html"] != os.getpid()) is (fork and hasattr(os, "fork"))


def test_a_failure_in_the_second_process_fails_the_build() -> None:
    def broken() -> None:
        raise RuntimeError("模板出错")

    aside = Aside(broken)
    with pytest.raises((AsideFailed, RuntimeError)):
        aside.result()


def test_a_second_process_with_a_large_result_ends_before_it_is_asked_for() -> None:
    """The last site's listing (a county's: more than a pipe holds) is made early and asked for late: the
    process that made it ends at once, and its memory with it, rather than waiting to be read."""
    if not Path("/proc/self/stat").exists():
        pytest.skip("needs Linux's /proc to see a process that has ended")
    listing = {
        f"branches/v{number:04d}/index.html": (number, 1_700_000_000_000_000_000) for number in range(20_000)
    }
    aside = Aside(lambda: listing)
    deadline = time.monotonic() + 10
    while Path(f"/proc/{aside.pid}/stat").read_text().split()[2] != "Z":  # ended, not yet reaped
        assert time.monotonic() < deadline, "the second process is still waiting to be read"
        time.sleep(0.01)
    assert aside.result() == listing


def test_a_stopped_second_process_is_gone_at_once() -> None:
    """A failed build stops the second process before removing the folder it writes into."""
    if not hasattr(os, "fork"):
        pytest.skip("no second process without fork")

    def slow() -> None:
        import time

        time.sleep(30)

    aside = Aside(slow)
    pid = aside.pid
    aside.stop()
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)  # killed and reaped: no such process any more


def test_stopping_a_second_process_already_reaped_signals_no_process(monkeypatch: pytest.MonkeyPatch) -> None:
    """A build that fails after a second process's result was taken stops it again: its number may by then
    be another process's, which must not be killed."""
    aside = Aside(lambda: "完成")
    assert aside.result() == "完成"
    signalled: list[int] = []
    monkeypatch.setattr(os, "kill", lambda pid, signal: signalled.append(pid))
    aside.stop()
    assert signalled == []


def _count_until_asked_to_end(ready: Path) -> int:
    """Work that may be cut short: counts until ``SIGTERM`` asks it to end, then returns how far it got."""
    ended = asked_to_end()
    done = 0
    while not ended() and done < 10_000:
        time.sleep(0.001)
        done += 1
        if done == 1:  # (ready once it has done some: asked to end at once, it had done none, now and then)
            ready.touch()
    return done


def test_an_interrupted_second_process_returns_what_it_has_done_so_far(tmp_path: Path) -> None:
    ready = tmp_path / "ready"
    aside = Aside(functools.partial(_count_until_asked_to_end, ready))
    while not ready.exists():
        time.sleep(0.001)
    started = time.perf_counter()
    aside.interrupt()
    done = aside.result()
    assert 0 < done < 10_000
    assert time.perf_counter() - started < 5  # (not its 10 s of counting)


def test_work_ended_early_that_failed_gives_nothing_and_fails_nothing() -> None:
    """What only goes ahead of the build (templates compiled, images made) may fail: the build does the rest
    itself."""
    assert Aside(lambda: 1 / 0).end_early() is None


def test_interrupting_a_second_process_that_has_ended_leaves_its_result() -> None:
    aside = Aside(lambda: "完成")
    while not aside.finished():
        time.sleep(0.001)
    aside.interrupt()
    assert aside.result() == "完成"


def test_a_result_taken_twice_is_refused_and_leaves_another_process_alone() -> None:
    """Waiting for process 0 would reap whichever child ends first: another second process's, whose
    result would then be lost."""
    if not hasattr(os, "fork"):
        pytest.skip("no second process without fork")
    other = Aside(lambda: time.sleep(0.5) or "海报")
    done = Aside(lambda: "完成")
    assert done.result() == "完成"
    with pytest.raises(RuntimeError):
        done.result()
    done.stop()
    with pytest.raises(RuntimeError):
        done.result()
    assert other.result() == "海报"


def _units(works: list[Callable[[], object]]) -> Callable[[], Callable[[], object] | None]:
    left = list(works)
    return lambda: left.pop(0) if left else None


def test_a_relay_forks_each_unit_once_the_last_has_ended_and_hands_back_results_in_order(
    tmp_path: Path,
) -> None:
    """A county's cold build: slices of pages, then parts of the posters, each by a process of its own that
    ends with it, so that the memory it copied goes with it; never two at once."""
    if not hasattr(os, "fork"):
        pytest.skip("no second process without fork")
    running = tmp_path / "running"

    def unit(number: int) -> tuple[int, int, bool]:
        try:  # (held while the unit runs: another unit running now would find it)
            os.close(os.open(running, os.O_CREAT | os.O_EXCL | os.O_WRONLY))
        except FileExistsError:
            return number, os.getpid(), False
        time.sleep(0.05)
        running.unlink()
        return number, os.getpid(), True

    results: list[tuple[int, int, bool]] = []
    relay = Relay(_units([functools.partial(unit, number) for number in range(5)]), results.append)
    pids = []
    while relay.running:
        assert relay.current is not None
        pids.append(relay.current.pid)
        relay.poll()  # (asked without waiting, as between pages; at times the unit has ended already)
        if relay.running and relay.current.pid == pids[-1]:
            relay.wait()
    assert [number for number, _, _ in results] == [0, 1, 2, 3, 4]
    assert all(alone for _, _, alone in results), "never two units at once"
    assert [pid for _, pid, _ in results] == pids
    assert len(set(pids)) == 5 and os.getpid() not in pids


def test_a_unit_that_fails_fails_the_relay_and_no_unit_starts_after_it() -> None:
    if not hasattr(os, "fork"):
        pytest.skip("no second process without fork")
    started: list[int] = []

    def broken() -> None:
        raise RuntimeError("模板出错")

    def never() -> None:
        started.append(1)

    works: list[Callable[[], object]] = [lambda: "第一", broken, never]
    results: list[object] = []
    relay = Relay(_units(works), results.append)
    relay.wait()
    with pytest.raises(AsideFailed):
        relay.wait()
    assert results == ["第一"] and not relay.running
    relay.stop()
    assert started == [] and not relay.running


def test_a_stopped_relay_kills_its_unit_and_starts_no_other() -> None:
    """A failed build: the process rendering pages into the folder about to be removed is gone at once."""
    if not hasattr(os, "fork"):
        pytest.skip("no second process without fork")
    relay = Relay(_units([lambda: time.sleep(30), lambda: "不该开始"]), lambda result: None)
    assert relay.current is not None
    pid = relay.current.pid
    relay.stop()
    assert not relay.running
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)


def test_a_relay_says_without_waiting_when_its_unit_has_ended() -> None:
    """Asked between pages: the first process forks the next unit (after waiting for its own writing threads)
    only once the last one has ended."""
    if not hasattr(os, "fork"):
        pytest.skip("no second process without fork")
    results: list[object] = []
    relay = Relay(_units([lambda: time.sleep(0.5) or "第一", lambda: "第二"]), results.append)
    started = time.monotonic()
    assert not relay.ended()
    assert time.monotonic() - started < 0.3
    relay.poll()
    assert results == [], "not ended: nothing taken, nothing started"
    deadline = time.monotonic() + 10
    while not relay.ended():
        assert time.monotonic() < deadline
        time.sleep(0.01)
    relay.poll()
    assert results == ["第一"] and relay.running
    relay.wait()
    assert results == ["第一", "第二"] and not relay.ended() and not relay.running


def test_finished_is_asked_without_waiting() -> None:
    if not hasattr(os, "fork"):
        pytest.skip("no second process without fork")
    aside = Aside(lambda: time.sleep(0.5) or "海报")
    started = time.monotonic()
    assert not aside.finished()
    assert time.monotonic() - started < 0.3
    deadline = time.monotonic() + 10
    while not aside.finished():
        assert time.monotonic() < deadline
        time.sleep(0.01)
    assert aside.result() == "海报"
    with pytest.raises(RuntimeError):
        aside.result()


def test_each_piece_of_work_is_claimed_by_exactly_one_process() -> None:
    claims = Claims()
    try:
        pieces = [str(number) for number in range(200)]
        other = Aside(lambda: [piece for piece in pieces if claims.take(piece)])
        assert other.forked
        mine = [piece for piece in reversed(pieces) if claims.take(piece)]
        theirs = other.result()
        assert sorted(mine + theirs) == sorted(pieces)  # none twice, none left out
        assert not claims.take("7")
        assert claims.taken("7") and not claims.taken("200")
    finally:
        claims.close()
    assert not claims.folder.exists()
    assert not claims.take("200"), "closed (the build failed): nothing more is taken, and no traceback"
    assert claims.taken("200"), "closed: nothing is left to take"


FREED = """
import sys
from noticeboard.registries.aside import give_back_free_memory

def resident() -> int:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * 4096

made = [bytes(1000) for _ in range(64_000)]  # 64 MB in the C heap (above Python's small-object arenas)
kept = bytes(1000)  # made last: the heap's top stays in use, so freeing the rest gives nothing back alone
del made
before = resident()
give_back_free_memory()
print(before - resident())
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's malloc_trim; /proc")
def test_memory_freed_before_a_fork_is_given_back_to_the_system() -> None:
    """Freed memory left resident is shared with a forked process, and copied page by page as either one
    makes objects there: given back first, a county's cold build's processes hold less (issue 16)."""
    given_back = subprocess.run([sys.executable, "-c", FREED], capture_output=True, text=True, check=True)
    assert int(given_back.stdout) > 40_000_000
