"""Running a signer through the corpus: ``run`` and ``run_case``.

A command is started once per case, and the cases are independent (the protocol: one JSON
object in, one out), so several commands run at once — ``jobs`` of them, by default one per
CPU; a slow signer (a JVM, ``npx``) then costs a fraction of its sequential time. A Python
function is called one case at a time, in the caller's thread: it need not be thread-safe.
The report lists the cases in the corpus's order whatever order they finish in.
"""

import os
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

from helpers.browser_edition import IN_BROWSER, DesktopOnly
from helpers.conformance.corpus import Case, cases
from helpers.conformance.judge import SIGNER, judge_rest_case, judge_ws_case
from helpers.conformance.report import FAIL, PASS, UNSUPPORTED, CaseResult, Report
from helpers.conformance.signer import CallableSigner, CommandSigner, SignerFailure

__all__ = ["run", "run_case"]


def run_case(signer: Callable[[Case], dict], case: Case) -> CaseResult:
    """One case: ask ``signer``, judge its answer (see ``judge``)."""
    start = time.perf_counter()
    common = {"name": case.name, "api": case.api, "key_type": case.key_type}
    try:
        answer = signer(case)
    except SignerFailure as exc:
        seconds = time.perf_counter() - start
        return CaseResult(**common, status=FAIL, detail=str(exc), stage=SIGNER, seconds=seconds)
    if "unsupported" in answer:
        reason = answer["unsupported"] or "unsupported"
        seconds = time.perf_counter() - start
        return CaseResult(**common, status=UNSUPPORTED, detail=reason, seconds=seconds)
    try:
        judge = judge_ws_case if case.api == "ws" else judge_rest_case
        outcome = judge(case, answer)
    except (UnicodeError, ValueError, TypeError, RecursionError) as exc:
        # text no request can carry (a lone surrogate), a value that is not JSON text, or
        # one nested too deeply to write: the answer is malformed, the run goes on
        seconds = time.perf_counter() - start
        detail = f"output cannot be sent as a request: {type(exc).__name__}: {exc}"[:200]
        return CaseResult(**common, status=FAIL, detail=detail, stage=SIGNER, seconds=seconds)
    return CaseResult(
        **common, status=PASS if outcome.ok else FAIL, detail=outcome.detail,
        codes=outcome.codes, stage=outcome.stage, notes=outcome.notes,
        seconds=time.perf_counter() - start,
    )  # fmt: skip


def run(
    signer: object,
    *,
    api: str | None = None,
    key_type: str | None = None,
    progress: Callable[[str], None] | None = None,
    timeout: float | None = None,
    jobs: int | None = None,
) -> Report:
    """Run ``signer`` through the corpus and return the ``Report``.

    ``signer``: a Python function (case dict in, answer dict out) or a command line (str).
    ``api`` (``"rest"``/``"ws"``) and ``key_type`` (``"HMAC"``, ``"Ed25519"``, ``"RSA"``)
    select cases; ``progress`` gets one line per case, in the corpus's order; ``timeout``
    (seconds) and ``jobs`` (how many at once; default: one per CPU) are for commands only.
    """
    if jobs is not None and (isinstance(jobs, bool) or not isinstance(jobs, int) or jobs < 1):
        raise ValueError(f"jobs: expected a whole number from 1, got {jobs!r}")
    if isinstance(signer, str):
        if IN_BROWSER:
            raise DesktopOnly("a subprocess, to run the signer command")
        wrapped = CommandSigner(signer, **({} if timeout is None else {"timeout": timeout}))
        jobs = jobs or os.cpu_count() or 1
    else:
        wrapped = CallableSigner(signer)
        jobs = 1  # in this thread: a Python function need not be thread-safe
    selected = cases(api=api, key_type=key_type)

    def one(case: Case) -> CaseResult:
        return run_case(wrapped, case)

    pool = ThreadPoolExecutor(max_workers=jobs) if jobs > 1 else None
    results = []
    try:
        finished = pool.map(one, selected) if pool else map(one, selected)
        for number, (case, result) in enumerate(zip(selected, finished, strict=True), 1):
            results.append(result)
            if progress is not None:
                progress(f"[{number:>2}/{len(selected)}] {case.name}: {result.status} "
                         f"({result.seconds:.2f} s)")  # fmt: skip
    finally:
        if pool is not None:
            pool.shutdown(cancel_futures=True)
    return Report(wrapped.label, tuple(results))
