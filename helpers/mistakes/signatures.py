"""Signature mistakes: the HMAC built another way, or written in another form than hex.

"Encode the HMAC-SHA-256 output as a hex string" (REST API, "SIGNED Endpoint Examples
for POST /api/v3/order" → "HMAC Keys", Step 2); Ed25519 and RSA signatures are base64,
percent-encoded once ("Ed25519 Keys"). HMAC signatures are "not case-sensitive"
("Signature Case Sensitivity"): an uppercase hex signature is no mistake at all.
"""

import base64
import hashlib
import hmac
import urllib.parse

from helpers.mistakes.mistake import pitfall
from helpers.mistakes.ways import account_right, get_signed


@pitfall(code="SIGNATURE_NOT_HEX", right=account_right, expected=-1022)
def signature_in_base64(ctx):
    query = f"timestamp={ctx.timestamp}"
    raw = hmac.new(ctx.secret.encode(), query.encode(), hashlib.sha256).digest()  # Java's doFinal
    signature = urllib.parse.quote(base64.b64encode(raw).decode(), safe="")
    return query, get_signed(ctx, "/api/v3/account", query, signature)


@pitfall(code="SECRET_CONCATENATED", right=account_right, expected=-1022)
def secret_concatenated(ctx):
    query = f"timestamp={ctx.timestamp}"
    # The seed article: "concatenate it with your secret key and then generate the ... hash"
    signature = hashlib.sha256((query + ctx.secret).encode()).hexdigest()
    return query, get_signed(ctx, "/api/v3/account", query, signature)


@pitfall(
    code="OK", case="an uppercase hex signature, a myth: HMAC signatures are not case-sensitive",
    right=account_right, expected=0,
)
def uppercase_hex(ctx):
    query = f"timestamp={ctx.timestamp}"
    signature = hmac.new(ctx.secret.encode(), query.encode(), hashlib.sha256).hexdigest().upper()
    return query, get_signed(ctx, "/api/v3/account", query, signature)  # C8DB… is c8db…
