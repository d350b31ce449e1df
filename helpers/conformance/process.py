"""Running one signer process for one case: its input written, its output read with a limit.

``run_command(argv, data, timeout=..., limit=...)`` starts the command, writes ``data`` to
its standard input and reads its standard output and error, each up to ``limit`` bytes: a
signer that writes more (a runaway loop, a dump) is stopped and its case fails as "output
too large", instead of the run holding gigabytes (with one process per CPU at once). A
signer still running after ``timeout`` seconds is stopped too. The answer: ``Finished``.

Each stream is read by its own thread (portable: no ``select`` on pipes under Windows); a
third thread writes the input, so a signer that writes before it reads cannot block it.

The answer is read when the signer exits, not when its output closes: a child it leaves
behind holding standard output (a shell's background job) would keep the pipe open. On
POSIX the signer starts in its own session, and when it exits, times out or overflows its
process group is killed: nothing it started outlives its case.
"""

import os
import signal
import subprocess
import threading
from dataclasses import dataclass

__all__ = ["OUTPUT_LIMIT", "Finished", "run_command"]

# A signer answers with one JSON object of a few kilobytes: 2 MiB per stream is far above
# any honest answer (or debug log), and bounds the memory of a run at 4 MiB per job.
OUTPUT_LIMIT = 2 * 1024 * 1024
_CHUNK = 64 * 1024
# Each signer runs in its own session (POSIX), so that stopping it stops its whole group.
_POSIX = os.name == "posix"
# Once the signer's group is gone its output is in the pipes: reading it takes no time, but
# a process that left the group (a daemon) may hold a pipe open; the answer is not waited.
_DRAIN_S = 2.0


@dataclass(frozen=True)
class Finished:
    """How the process ended: its exit status (``None`` if stopped), what it wrote, and
    ``timed_out`` or ``too_large`` (the stream that went past the limit) if it was stopped."""

    returncode: int | None
    stdout: bytes
    stderr: bytes
    timed_out: bool = False
    too_large: str = ""


class _Reader(threading.Thread):
    """Reads one pipe until its end, or until more than ``limit`` bytes: then ``stop()``."""

    def __init__(self, pipe, limit: int, stop) -> None:
        super().__init__(daemon=True)
        self.pipe, self.limit, self.stop = pipe, limit, stop
        self.data = bytearray()
        self.overflow = False

    def run(self) -> None:
        try:
            while chunk := self.pipe.read(_CHUNK):
                if len(self.data) + len(chunk) > self.limit:
                    self.overflow = True
                    self.stop()
                    return
                self.data += chunk
        except (OSError, ValueError):  # the pipe closed under us: what was read stands
            pass
        finally:
            self.pipe.close()


def _feed(pipe, data: bytes) -> None:
    """Write the case to the signer's standard input and close it (EOF: the case is whole)."""
    try:
        pipe.write(data)
    except OSError:  # the signer exited or closed its input without reading: its answer says
        pass
    finally:
        try:
            pipe.close()
        except OSError:
            pass


def _stop(process: subprocess.Popen) -> None:
    """Stop the signer and, on POSIX, every process of its session's group: what it started
    (``sh -c 'sleep 40; true'``'s ``sleep``, a child left holding its output) goes too."""
    try:
        if _POSIX:
            os.killpg(process.pid, signal.SIGKILL)
        else:
            process.kill()
    except OSError:  # gone already (or, after it was reaped, its group is empty)
        pass


def _await_exit(process: subprocess.Popen, event: threading.Event) -> None:
    """Set ``event`` when the signer exits. Where ``os.waitid`` can, the exited signer is
    left unreaped: its pid, its group's id, cannot be reused before ``_stop`` kills it."""
    try:
        if hasattr(os, "waitid"):
            os.waitid(os.P_PID, process.pid, os.WEXITED | os.WNOWAIT)
        else:
            process.wait()
    except ChildProcessError:  # reaped meanwhile by ``run_command``: it exited
        pass
    event.set()


def _start(argv: list[str], data: bytes, limit: int, event: threading.Event):
    """The process, its two readers (which set ``event`` on overflow) and its writer."""
    process = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, bufsize=0,
                               start_new_session=_POSIX)  # fmt: skip

    def overflow() -> None:
        event.set()
        _stop(process)

    readers = (_Reader(process.stdout, limit, overflow), _Reader(process.stderr, limit, overflow))
    writer = threading.Thread(target=_feed, args=(process.stdin, data), daemon=True)
    for thread in (*readers, writer):
        thread.start()

    threading.Thread(target=_await_exit, args=(process, event), daemon=True).start()
    return process, readers


def run_command(argv: list[str], data: bytes, *, timeout: float, limit: int = OUTPUT_LIMIT
                ) -> Finished:  # fmt: skip
    """Run ``argv`` with ``data`` on its standard input; see the module's docstring.

    Raises ``OSError`` if the command cannot start."""
    event = threading.Event()  # set when the process exits or a stream overflows
    process, readers = _start(argv, data, limit, event)
    try:
        in_time = event.wait(timeout)
    finally:
        _stop(process)  # done or not: its group goes, and with it the pipes it held open
    returncode = process.wait()
    for reader in readers:  # the rest of the answer, read from the pipes' buffers
        reader.join(_DRAIN_S)
    names = ("standard output", "standard error")
    too_large = next((n for n, r in zip(names, readers, strict=True) if r.overflow), "")
    stopped = too_large or not in_time
    return Finished(None if stopped else returncode, bytes(readers[0].data),
                    bytes(readers[1].data), timed_out=not in_time and not too_large,
                    too_large=too_large)  # fmt: skip
