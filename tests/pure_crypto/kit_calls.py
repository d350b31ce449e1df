"""The kit's Ed25519 and RSA calls on a list of jobs, as JSON: run by the desktop (with
``cryptography``) and by ``python kit_calls.py`` in a subprocess where importing
``cryptography`` fails, as in the browser edition. ``test_pure_fallback.py`` compares the two.

Each job is ``[call, key_type, key_text, payload, password]``; each result is the
signature (``sign``), the verdicts of a good and a tampered signature (``verify``), or the
refusal's type and message (any call that raises ``TypeError``/``ValueError``), or the key
clinic's report (``inspect``).
"""

import json
import sys


class BlockCryptography:
    """A meta-path finder that makes ``import cryptography`` fail, as in Pyodide."""

    def find_spec(self, name: str, path: object = None, target: object = None) -> None:
        if name == "cryptography" or name.startswith("cryptography."):
            raise ModuleNotFoundError(f"No module named {name!r}", name=name)


def run(call: str, key_type: str, key: str, payload: str, password: str | None) -> object:
    """One job's result (see the module docstring)."""
    from helpers.signing import sign_payload
    from helpers.verify import Ed25519Key, RsaKey

    try:
        if call == "inspect":  # the key clinic's report
            from helpers.keys import inspect_key

            report = inspect_key(key, password=password)
            fields = ("kind", "problems", "usable_for", "description", "fingerprint", "fix")
            return [str(getattr(report, name)) for name in fields]
        if call == "sign":
            return sign_payload(key_type, key, payload, password=password)
        verifier = (Ed25519Key if key_type == "Ed25519" else RsaKey)(key)
        good, _ = password.split("|")  # for "verify", the signature to check
        tampered = good[:10] + ("A" if good[10] != "A" else "B") + good[11:]
        return [[verifier.verify(payload.encode(), s) for s in (good, tampered)], repr(verifier)]
    except (TypeError, ValueError) as exc:
        return f"{type(exc).__name__}: {exc}"


def run_all(jobs: list) -> dict:
    from helpers.key_types import cryptography_modules

    return {
        "backend": cryptography_modules().backend,
        "results": [run(*job) for job in jobs],
        "cryptography imported": "cryptography" in sys.modules,
    }


if __name__ == "__main__":
    sys.meta_path.insert(0, BlockCryptography())
    print(json.dumps(run_all(json.load(sys.stdin))))
