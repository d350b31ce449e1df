"""Running a signer through the corpus, one case at a time: ``run`` and ``run_case``."""

import time
from collections.abc import Callable

from helpers.conformance.corpus import Case, cases
from helpers.conformance.judge import SIGNER, judge_rest, judge_ws
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
        reason = str(answer["unsupported"])[:60] or "unsupported"
        seconds = time.perf_counter() - start
        return CaseResult(**common, status=UNSUPPORTED, detail=reason, seconds=seconds)
    try:
        outcome = judge_ws(case, answer) if case.api == "ws" else judge_rest(case, answer)
    except (UnicodeError, ValueError) as exc:  # text no request can carry (a lone surrogate)
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
) -> Report:
    """Run ``signer`` through the corpus and return the ``Report``.

    ``signer``: a Python function (case dict in, answer dict out) or a command line (str).
    ``api`` (``"rest"``/``"ws"``) and ``key_type`` (``"HMAC"``, ``"Ed25519"``, ``"RSA"``)
    select cases; ``progress`` gets one line per case; ``timeout`` (seconds, commands only).
    """
    if isinstance(signer, str):
        wrapped = CommandSigner(signer, **({} if timeout is None else {"timeout": timeout}))
    else:
        wrapped = CallableSigner(signer)
    selected = cases(api=api, key_type=key_type)
    results = []
    for number, case in enumerate(selected, 1):
        result = run_case(wrapped, case)
        results.append(result)
        if progress is not None:
            progress(f"[{number:>2}/{len(selected)}] {case.name}: {result.status} "
                     f"({result.seconds:.2f} s)")  # fmt: skip
    return Report(wrapped.label, tuple(results))
