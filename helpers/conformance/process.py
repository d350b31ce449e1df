"""Running one signer process for one case: its input written, its output read with a limit.

``run_command(argv, data, timeout=..., limit=...)`` starts the command, writes ``data`` to
its standard input and reads its standard output and error, each up to ``limit`` bytes: a
signer that writes more (a runaway loop, a dump) is stopped and its case fails as "output
too large", instead of the run holding gigabytes (with one process per CPU at once). A
signer still running after ``timeout`` seconds is stopped too. The answer: ``Finished``.

Each stream is read by its own thread (portable: no ``select`` on pipes under Windows); a
third thread writes the input, so a signer that writes before it reads cannot block it.
"""

import subprocess
import threading
import time
from dataclasses import dataclass

__all__ = ["OUTPUT_LIMIT", "Finished", "run_command"]

# A signer answers with one JSON object of a few kilobytes: 2 MiB per stream is far above
# any honest answer (or debug log), and bounds the memory of a run at 4 MiB per job.
OUTPUT_LIMIT = 2 * 1024 * 1024
_CHUNK = 64 * 1024


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
    """Stop the process (if it is still running)."""
    try:
        process.kill()
    except OSError:
        pass


def _start(argv: list[str], data: bytes, limit: int, event: threading.Event):
    """The process, its two readers (which set ``event`` on overflow) and its writer."""
    process = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, bufsize=0)  # fmt: skip

    def overflow() -> None:
        event.set()
        _stop(process)

    readers = (_Reader(process.stdout, limit, overflow), _Reader(process.stderr, limit, overflow))
    writer = threading.Thread(target=_feed, args=(process.stdin, data), daemon=True)
    for thread in (*readers, writer):
        thread.start()

    def await_exit() -> None:
        process.wait()
        event.set()

    threading.Thread(target=await_exit, daemon=True).start()
    return process, readers


def run_command(argv: list[str], data: bytes, *, timeout: float, limit: int = OUTPUT_LIMIT
                ) -> Finished:  # fmt: skip
    """Run ``argv`` with ``data`` on its standard input; see the module's docstring.

    Raises ``OSError`` if the command cannot start."""
    end = time.monotonic() + timeout
    event = threading.Event()  # set when the process exits or a stream overflows
    process, readers = _start(argv, data, limit, event)
    try:
        in_time = event.wait(timeout)
        for reader in readers:  # the output is whole when both streams are closed
            reader.join(max(0.0, end - time.monotonic()))
        in_time = in_time and not any(r.is_alive() for r in readers)
    finally:
        _stop(process)
    returncode = process.wait()
    names = ("standard output", "standard error")
    too_large = next((n for n, r in zip(names, readers, strict=True) if r.overflow), "")
    stopped = too_large or not in_time
    return Finished(None if stopped else returncode, bytes(readers[0].data),
                    bytes(readers[1].data), timed_out=not in_time and not too_large,
                    too_large=too_large)  # fmt: skip
