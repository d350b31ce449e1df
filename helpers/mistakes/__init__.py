"""Every known way a signed request goes wrong, each written once.

A ``Mistake`` is one stable code (the one the signature doctor reports, e.g.
``"TIMESTAMP_IN_SECONDS"``) with its stage, title, why, fix, the doc section whose rule it
breaks (``source``), how sure the kit is of that rule (``certainty``) and the codes it earns
(``verdicts``: each "documented" or "the local exchange's choice", derived from what it
rests on, ``helpers.mistakes.verdicts``). Those are data: one ``[[mistake]]`` entry each in
``helpers/data/mistakes.toml``, the catalogue.

Mistakes that can be shown carry ``Pitfall``\\s: two short functions, ``wrong`` (the broken
code as it is found in blog posts) and ``right`` (the fix), each really sending its request
and returning ``(payload signed, response)``, and the verdict the wrong way earns. In the
module of its lesson, ``@pitfall(code=..., right=..., expected=...)`` right above the wrong
function declares it, by keyword, naming its mistake's code (a fix of its own comes first):

- ``encoding``: the text signed and the bytes sent encoded differently
- ``payload``: the right parameters assembled into another text than the one sent
- ``parameters``: values written in another text than Binance reads, repeated, empty
- ``headers``: the API key, the signature or the body where Binance does not read them
- ``timing``: ``timestamp`` and ``recvWindow``
- ``keys_and_secrets``: signed with another key than the secret's own bytes
- ``signatures``: the HMAC built another way, or not written as hex (and one myth)

``registry`` puts the catalogue and the pitfalls together (``MISTAKES`` in the server's
check order, ``PITFALLS`` in notebook 04's order, ``BY_CODE``, ``by_name``); ``sources``
reads the doc sections they cite; ``ways`` holds the ``Context`` the demonstrations send
with; ``attempt`` runs one way; ``demonstration`` shows a pitfall, or the whole catalogue,
in a notebook. The doctor's codes (``helpers.doctor.codes``) are a view of this registry,
as are notebook 04's catalogue, notebook 08's gallery and ``helpers.testnet_check``.
``helpers.wrong_signatures`` (beside this package, so that importing it stays cheap) is
the one catalogue of typical wrong HMAC signatures (the API key as
the key, a plain hash, base64, ...), each under its code here: the doctor proves them, the
exercises' self-checks name them.
"""

from helpers.mistakes.attempt import AttemptResult, attempt
from helpers.mistakes.demonstration import Catalogue, Demonstration, catalogue, demonstrate
from helpers.mistakes.mistake import Mistake, Pitfall
from helpers.mistakes.registry import BY_CODE, MISTAKES, PITFALLS, by_code, by_name
from helpers.mistakes.sources import Source
from helpers.mistakes.ways import Context

__all__ = [
    "BY_CODE",
    "MISTAKES",
    "PITFALLS",
    "AttemptResult",
    "Catalogue",
    "Context",
    "Demonstration",
    "Mistake",
    "Pitfall",
    "Source",
    "attempt",
    "by_code",
    "by_name",
    "catalogue",
    "demonstrate",
]
