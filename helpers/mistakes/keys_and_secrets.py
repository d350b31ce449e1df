"""Key mistakes: the right payload, signed with another key than the secret's own bytes.

"Use the ``secretKey`` of your API key as the signing key for the HMAC-SHA-256
algorithm" (REST API, "SIGNED Endpoint Examples for POST /api/v3/order" → "HMAC Keys",
Step 2): the secret as the text it is — not decoded, not trimmed of nothing, not the API
key.
"""

import base64
import hashlib
import hmac

from helpers.mistakes.mistake import pitfall
from helpers.mistakes.ways import account_right, get_signed, open_orders_right


@pitfall(code="SECRET_WHITESPACE", right=open_orders_right, expected=-1022)
def secret_with_newline(ctx):
    secret = ctx.secret + "\n"  # read with open("secret.txt").read(): the file ends in \n
    query = f"symbol=LTCBTC&timestamp={ctx.timestamp}"
    signature = hmac.new(secret.encode(), query.encode(), hashlib.sha256).hexdigest()
    return query, get_signed(ctx, "/api/v3/openOrders", query, signature)


@pitfall(code="SECRET_BASE64_DECODED", right=account_right, expected=-1022)
def secret_base64_decoded(ctx):
    key = base64.urlsafe_b64decode(ctx.secret)  # the seed article's Ruby decodes the secret
    query = f"timestamp={ctx.timestamp}"
    signature = hmac.new(key, query.encode(), hashlib.sha256).hexdigest()
    return query, get_signed(ctx, "/api/v3/account", query, signature)


@pitfall(code="API_KEY_AS_SECRET", right=account_right, expected=-1022)
def api_key_as_secret(ctx):
    query = f"timestamp={ctx.timestamp}"
    # The two keys look alike (64 letters and digits).
    signature = hmac.new(ctx.api_key.encode(), query.encode(), hashlib.sha256).hexdigest()
    return query, get_signed(ctx, "/api/v3/account", query, signature)
