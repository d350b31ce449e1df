"""Notebook 13's exercise as a function: ``fix_raw_data``, a FIX Logon's RawData (96).

Judged on other header values than the notebook's worked example, with the docs' example
key, so the docs' RawData copied from a cell above does not pass; a wrong answer is shown
beside the expected one and, when it signs a typical wrong payload (the message's order,
``|`` for SOH, a trailing SOH, ``tag=value`` pairs), named. The right answers are literals
(the tests re-derive them with ``helpers.fix_api``).

- ``check_fix_raw_data(fix_raw_data)``: RawData (96) for other header values.
"""

from helpers.exercises import feedback as fb

__all__ = ["FIX_CASES", "check_fix_raw_data"]

# ((SenderCompID, TargetCompID, MsgSeqNum, SendingTime), RawData with the docs' example key).
FIX_CASES = (
    (("KITSEND1", "SPOT", 7, "20261129-20:00:00.000"),
     "ajynvrN++SWtmDF7/t87/65aGoPF8NI7D/RgCBQd1KOEBN6kJOWbuObH2VEGtBdg2REC7mFBTHkw9L5e/PdcDg=="),
    (("EXAMPLE", "SPOT", 1, "20261129-20:00:00.000"),
     "tZ2vXIc9KWfZBo019w8Hzng4uBj062eWkeLhvo0JSuCifgk8ye322G6PcaH6NKqMwWKZJrXIPxiWAZA8tR/aDA=="),
)  # fmt: skip


def _fix_why(args: tuple, got: object) -> str:
    """Which wrong FIX payload ``got`` signs, when it is a typical one."""
    key, sender, target, seq, time = args[0].key, *args[1:]
    import base64

    values = ["A", sender, target, str(seq), time]
    tags = ["35", "49", "56", "34", "52"]
    known = {
        "\x01".join(["A", str(seq), sender, time, target]): "the message's order (35, 34, 49, "
        "52, 56); the payload's is 35, 49, 56, 34, 52.",
        "|".join(values): "values joined by '|', how the docs print SOH: join by chr(1).",
        "\x01".join(values) + "\x01": "a trailing SOH: none after the last value.",
        "\x01".join(f"{t}={v}" for t, v in zip(tags, values, strict=True)): "tag=value pairs: "
        "the payload holds the values alone.",
    }  # fmt: skip
    for payload, why in known.items():
        if got == base64.b64encode(key.sign(payload.encode())).decode():
            return "You signed " + why
    return "MsgType A, then SenderCompID, TargetCompID, MsgSeqNum, SendingTime, joined by SOH."


def check_fix_raw_data(func: object) -> fb.Feedback:
    """Exercise 13.1: ``func(private_key, sender_comp_id, target_comp_id, msg_seq_num,
    sending_time) -> str``, RawData (96) of a Logon, with the docs' example key."""
    todo = "Write fix_raw_data(...) in the cell above, then run this cell."
    if not callable(func):
        return fb.try_cases(func, [], name="fix_raw_data", stage="signature", todo=todo, passed="")
    from cryptography.hazmat.primitives.serialization import load_pem_private_key

    from helpers.exercises.nb06_keys import Labelled
    from helpers.fix_api import docs_example

    pem = docs_example()["private_key_pem"].encode()
    key = Labelled(load_pem_private_key(pem, None), "<docs' key>")
    return fb.try_cases(
        func,
        [((key, *values), raw_data) for values, raw_data in FIX_CASES],
        name="fix_raw_data",
        stage="signature",
        todo=todo,
        passed="RawData (96) right for other header values than the docs': the five values\n"
        "in the payload's order, joined by SOH, signed with Ed25519, base64.",
        why=_fix_why,
    )
