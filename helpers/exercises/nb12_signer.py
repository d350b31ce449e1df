"""Notebook 12's function exercise: a signer that passes every HMAC case of the conformance
suite, REST and WebSocket API.

``check_hmac_signer(my_signer)`` returns a ``Feedback`` and never raises on the learner's
code; the stub (it returns ``None``) is "not attempted". The cases are the corpus's
(``helpers.conformance``), REST and WebSocket API: the notebook's REST signer, copied,
answers the WebSocket API cases "unsupported" and fails. On the first failing case the feedback
shows your answer beside the expected one (the case's expected payload and signature, from
the corpus), with the stage and the doctor's codes.
"""

from helpers.exercises import feedback as fb

__all__ = ["check_hmac_signer"]

TODO = "Write my_signer (return the answer dict for the case), then run this cell again."


def _expected(case: object) -> dict:
    """The answer a correct signer gives for ``case``: the corpus's expected bytes, the
    signature placed last in the body if there is one (REST), or in params (WebSocket API)."""
    want = case.expected
    if case.api == "ws":
        return {"params": {**dict(case.params), "signature": want["signature"]}}
    query, body = want["query_string"], want["body"]
    signed = "signature=" + want["signature"]
    if body:
        return {"query": query, "body": body + "&" + signed}
    return {"query": query + ("&" if query else "") + signed, "body": ""}


def check_hmac_signer(my_signer: object) -> fb.Feedback:
    """Exercise 12.1: ``my_signer(case) -> dict`` passes every HMAC case of the corpus (REST
    and WebSocket API), run by ``helpers.conformance.run``."""
    from helpers.conformance import cases, run, signer_input

    early = fb.screen(my_signer, callable, "the function my_signer", todo=TODO)
    if early is not None:
        return early
    corpus = {case.name: case for case in cases(key_type="HMAC")}
    first = next(iter(corpus.values()))
    got, failed = fb.call_answer(my_signer, (signer_input(first),), f"On {first.name}", "")
    if failed is not None:
        return failed
    if got is None or got is ...:
        return fb.not_attempted(TODO)
    report = run(my_signer, key_type="HMAC")
    if report.failed == 0 and report.unsupported == 0:
        return fb.correct(f"your signer: {report.passed} of {len(corpus)} HMAC cases, REST and "
                       "WebSocket API.")  # fmt: skip
    bad = next(r for r in report.results if r.status != "pass")
    case = corpus[bad.name]
    answer, failed = fb.call_answer(my_signer, (signer_input(case),), f"On {case.name}", "")
    if failed is not None:
        return failed
    why = f"{report.passed} of {len(corpus)} pass.\n{case.name}: {case.about}"
    if bad.status == "unsupported":
        why += "\nEvery HMAC case is yours to sign, the WebSocket API's too."
    else:
        codes = ", ".join(bad.codes) or "no mistake the doctor can prove"
        why += f"\nStage: {bad.stage}; the doctor: {codes}."
    return fb.mismatch(bad.stage or "answer", f"my_signer({case.name!r})", answer, _expected(case),
                    why)  # fmt: skip
