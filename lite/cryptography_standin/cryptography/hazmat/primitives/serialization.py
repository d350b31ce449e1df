"""``serialization``: PEM and DER keys, unencrypted (``helpers.pure_crypto.serialization``)."""

from helpers.pure_crypto.serialization import *  # noqa: F403
from helpers.pure_crypto.serialization import __all__  # noqa: F401
