"""Talking to a signer: the case object it reads, and its answer, checked for shape.

``signer_input(case)`` is the JSON object written to the signer's standard input (the
protocol in ``helpers.conformance``). ``CommandSigner`` starts a command once per case;
``CallableSigner`` calls a Python function. Both return the answer as a dict, or raise
``SignerFailure`` with the reason a case fails: a timeout, a crash, output that is not
the JSON asked for, or too much of it (``process``). ``{"unsupported": reason}`` is
returned as is (counted, not failed).
"""

import json
import shlex
import shutil
from collections.abc import Callable
from pathlib import Path

from helpers.conformance import keys
from helpers.conformance.corpus import Case
from helpers.conformance.process import OUTPUT_LIMIT, run_command
from helpers.conformance.report import printable

__all__ = [
    "CallableSigner",
    "CommandSigner",
    "SignerFailure",
    "signer_input",
    "validate_answer",
    "validate_timeout",
]

DEFAULT_TIMEOUT_S = 10.0
# Under 0.1 s no interpreter even starts; over an hour a case is not being answered (and a
# clock cannot wait for ``inf`` seconds: ``OverflowError``).
TIMEOUT_RANGE_S = (0.1, 3600.0)


class SignerFailure(Exception):
    """The signer did not answer as the protocol asks; ``str(exc)`` is the reason."""


def signer_input(case: Case) -> dict[str, object]:
    """The object the signer reads for ``case`` (private keys built here, never stored)."""
    data: dict[str, object] = {"api": case.api, "key_type": case.key_type}
    if case.key_type == "HMAC":
        data["secret"] = keys.secret(case.key)
    else:
        data["private_key"] = keys.private_pem(case.key)
    data["method"] = case.method
    if case.api == "ws":
        data["params"] = [list(p) for p in case.params]
    else:
        data["path"] = case.path
        data["query"] = [list(p) for p in case.query]
        data["body"] = [list(p) for p in case.body]
    return data


def validate_timeout(seconds: object, name: str = "timeout") -> float:
    """``seconds`` as a float if it is a number in ``TIMEOUT_RANGE_S``; ``ValueError``
    naming ``name`` otherwise (``inf``, ``nan``, ``0``, ``1e-9``, ``1e300``, text)."""
    low, high = TIMEOUT_RANGE_S
    is_number = isinstance(seconds, int | float) and not isinstance(seconds, bool)
    if not is_number or not low <= seconds <= high:  # False for nan as for inf
        raise ValueError(f"{name}: expected a number of seconds from {low:g} to {high:g}, "
                         f"got {printable(repr(seconds))[:40]}")  # fmt: skip
    return float(seconds)


def validate_answer(case: Case, answer: object) -> dict:
    """``answer`` if it has the shape the protocol asks for; ``SignerFailure`` otherwise."""
    if not isinstance(answer, dict):
        raise SignerFailure(f"output is not a JSON object: {_short(answer)}")
    if "unsupported" in answer:  # the reason as text, whatever the signer gave
        return {"unsupported": _short(answer["unsupported"], 60)}
    if case.api == "ws":
        if not isinstance(answer.get("params"), dict):
            raise SignerFailure('output has no "params" object: ' + _short(answer))
        return answer
    for part in ("query", "body"):
        if not isinstance(answer.get(part, ""), str):
            raise SignerFailure(f'output\'s "{part}" is not a string: {_short(answer)}')
    if "query" not in answer and "body" not in answer:
        raise SignerFailure('output has neither "query" nor "body": ' + _short(answer))
    return answer


def _short(value: object, limit: int = 80) -> str:
    """``value`` as JSON text, control characters escaped (``report.printable``), cut to
    ``limit`` characters: what a failure's reason shows of a signer's output."""
    try:
        text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    except (RecursionError, TypeError, ValueError):  # nested too deeply, or not JSON at all
        text = f"(a {type(value).__name__} that cannot be shown as JSON)"
    text = printable(text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def parse_output(text: str) -> object:
    """The one JSON object a signer printed. JSON nested too deeply to read (``"[" * 200000``
    makes ``json`` recurse past Python's limit) is malformed output, as is text."""
    try:
        return json.loads(text)
    except RecursionError:
        raise SignerFailure("output is not the JSON asked for: nested too deeply") from None
    except ValueError:
        shown = _short(text.strip()) or "(nothing)"
        raise SignerFailure(f"output is not JSON: {shown}") from None


class CommandSigner:
    """A signer run as a command line, split as a shell would (``shlex.split``)."""

    def __init__(self, command: str, *, timeout: float = DEFAULT_TIMEOUT_S) -> None:
        if not isinstance(command, str) or not command.strip():
            raise ValueError("--cmd is empty: give the command that runs your signer")
        try:
            self.argv = shlex.split(command)
        except ValueError as exc:
            raise ValueError(f"--cmd cannot be split as a shell would: {exc}") from None
        program = self.argv[0]
        if shutil.which(program) is None and not Path(program).is_file():
            raise ValueError(f"--cmd: command not found: {program}")
        self.timeout = validate_timeout(timeout)
        self.label = command

    def __call__(self, case: Case) -> dict:
        text = json.dumps(signer_input(case), ensure_ascii=False)
        try:
            done = run_command(self.argv, text.encode("utf-8"), timeout=self.timeout)
        except OSError as exc:
            raise SignerFailure(f"the command could not start: {exc}") from None
        if done.too_large:
            raise SignerFailure(f"output too large: more than {OUTPUT_LIMIT // 2**20} MiB on "
                                f"{done.too_large}; the signer was stopped")  # fmt: skip
        if done.timed_out:
            raise SignerFailure(f"timeout: no answer within {self.timeout:g} s")
        if done.returncode != 0:
            lines = done.stderr.decode("utf-8", "replace").strip().splitlines()
            last = _short(lines[-1]) if lines else "(no error output)"
            raise SignerFailure(f"crash: exit status {done.returncode}: {last}")
        out = done.stdout.decode("utf-8", "replace")
        return validate_answer(case, parse_output(out))


class CallableSigner:
    """A signer given as a Python function: case object (dict) in, answer (dict or JSON) out."""

    def __init__(self, function: Callable[[dict], object]) -> None:
        if not callable(function):
            raise TypeError("signer: expected a function taking the case (a dict)")
        self.function = function
        self.label = getattr(function, "__name__", repr(function))

    def __call__(self, case: Case) -> dict:
        try:
            answer = self.function(signer_input(case))
        except Exception as exc:
            raise SignerFailure(f"crash: {type(exc).__name__}: {_short(str(exc))}") from None
        if isinstance(answer, (str, bytes)):
            answer = parse_output(answer.decode() if isinstance(answer, bytes) else answer)
        return validate_answer(case, answer)
