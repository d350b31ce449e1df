"""Key mistakes: the right payload, signed with another key than the secret's own bytes.

"Use the ``secretKey`` of your API key as the signing key for the HMAC-SHA-256
algorithm" (REST API, "SIGNED Endpoint Examples for POST /api/v3/order" → "HMAC Keys",
Step 2): the secret as the text it is — not decoded, not trimmed of nothing, not the API
key.
"""

import base64
import hashlib
import hmac

from helpers.mistakes.mistake import INFERRED, Mistake, Pitfall
from helpers.mistakes.sources import HMAC_KEYS, INVALID_SIGNATURE
from helpers.mistakes.ways import account_right, get_signed, open_orders_right


def secret_with_newline(ctx):
    secret = ctx.secret + "\n"  # read with open("secret.txt").read(): the file ends in \n
    query = f"symbol=LTCBTC&timestamp={ctx.timestamp}"
    signature = hmac.new(secret.encode(), query.encode(), hashlib.sha256).hexdigest()
    return query, get_signed(ctx, "/api/v3/openOrders", query, signature)


SECRET_WHITESPACE = Mistake(
    code="SECRET_WHITESPACE", stage="key", proof="signature",
    title="Whitespace around the secret",
    why="The HMAC key is every byte of the secret: a newline or space read with it makes "
    "another key.",
    fix="Strip the secret where you read it (`hmac_sha256_hex` refuses one with whitespace).",
    source=HMAC_KEYS,
    certainty=INFERRED,
    pitfalls=(
        Pitfall(
            name="secret-with-newline",
            wrong=secret_with_newline, right=open_orders_right, expected=-1022,
        ),
    ),
)


def secret_base64_decoded(ctx):
    key = base64.urlsafe_b64decode(ctx.secret)  # the seed article's Ruby decodes the secret
    query = f"timestamp={ctx.timestamp}"
    signature = hmac.new(key, query.encode(), hashlib.sha256).hexdigest()
    return query, get_signed(ctx, "/api/v3/account", query, signature)


SECRET_BASE64_DECODED = Mistake(
    code="SECRET_BASE64_DECODED", stage="key", proof="signature",
    title="The secret base64-decoded",
    why="Binance's secret is used as the text it is (its ASCII bytes), never base64-decoded: "
    "decoded, the key is other bytes, so the signature is another one.",
    fix="Use the secret's bytes as the key: `secret.encode()`, Ruby's `secret` as is.",
    source=HMAC_KEYS,
    pitfalls=(
        Pitfall(
            name="secret-base64-decoded",
            wrong=secret_base64_decoded, right=account_right, expected=-1022,
        ),
    ),
)


def api_key_as_secret(ctx):
    query = f"timestamp={ctx.timestamp}"
    # The two keys look alike (64 letters and digits).
    signature = hmac.new(ctx.api_key.encode(), query.encode(), hashlib.sha256).hexdigest()
    return query, get_signed(ctx, "/api/v3/account", query, signature)


API_KEY_AS_SECRET = Mistake(
    code="API_KEY_AS_SECRET", stage="key", proof="signature",
    title="Signed with the API key instead of the secret",
    why="The API key travels in the header; the *secret* key is the HMAC key.",
    fix="Sign with the secret key; send the API key in `X-MBX-APIKEY`.",
    source=HMAC_KEYS,
    pitfalls=(
        Pitfall(
            name="api-key-as-secret",
            wrong=api_key_as_secret, right=account_right, expected=-1022,
        ),
    ),
)

WRONG_SECRET_OR_KEY = Mistake(
    code="WRONG_SECRET_OR_KEY", stage="key", proof="signed_payload",
    title="The key differs",
    why="What was signed is exactly what was sent, yet the signature does not verify with "
    "the key given: the signature was made with another key (another API key's secret "
    "or private key, a typo, a testnet/live mix-up).",
    fix="Check which secret the signing code really uses; create a new key pair if in doubt.",
    source=INVALID_SIGNATURE,
    certainty=INFERRED,
)
