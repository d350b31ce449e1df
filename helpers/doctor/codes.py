"""The doctor's finding codes: one stable name per known mistake, with what it means and the fix.

Every finding the doctor reports carries one of these codes, so a notebook, a test or a
script can rely on the name (``"TIMESTAMP_IN_SECONDS"``) while the explanation around it
says what happened in *this* request. ``CODES`` lists them in the order the server checks,
and findings are shown in that order (``CHECK_ORDER``); ``BY_CODE`` finds one by name. The
table in ``helpers.doctor``'s docstring is generated from it (``codes_table``), and each
pitfall in ``helpers.pitfalls`` names one of these codes.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Code:
    """One stable finding code: where it happens (``stage``), what it means, how to fix it."""

    code: str
    stage: str  # header, body, encoding, parameters, timestamp, payload, signature, key
    proof: str  # how a finding is proven: "request", "signature", or both
    title: str
    why: str
    fix: str


CODES: tuple[Code, ...] = (
    Code(
        "OK",
        "-",
        "signature + request",
        "Nothing wrong",
        "The signature verifies over the bytes sent and nothing in the request would be refused.",
        "Nothing to fix.",
    ),
    Code(
        "MISSING_API_KEY_HEADER",
        "header",
        "request",
        "No X-MBX-APIKEY header",
        "SIGNED endpoints need the API key in the `X-MBX-APIKEY` header; without it the "
        "server cannot tell whose secret to check (-2014).",
        "Send the header `X-MBX-APIKEY: <your API key>` with every SIGNED request.",
    ),
    Code(
        "API_KEY_HEADER_MALFORMED",
        "header",
        "request",
        "The X-MBX-APIKEY header is malformed",
        "The header is sent twice, or its value has whitespace, quotes or other characters "
        "no API key has (-2014).",
        "Send the header once, the key exactly as Binance showed it (strip what you read).",
    ),
    Code(
        "API_KEY_IN_PAYLOAD",
        "header",
        "request",
        "The API key sent as a parameter",
        "The REST API takes the key only from the `X-MBX-APIKEY` header; as a parameter it "
        "is just noise in the signed payload (the WebSocket API is the one place `apiKey` "
        "is a signed parameter).",
        "Remove the `api_key`/`apiKey` parameter; send the key in the `X-MBX-APIKEY` header.",
    ),
    Code(
        "JSON_BODY",
        "body",
        "request + signature",
        "A JSON body",
        "Binance reads a body only as `application/x-www-form-urlencoded`; in a JSON body "
        "it finds no parameters at all, so no `timestamp` and no `signature` (-1102).",
        "Send the parameters form-encoded (`a=1&b=2`) and sign query string + body.",
    ),
    Code(
        "FORM_CONTENT_TYPE_MISSING",
        "body",
        "request",
        "A form body without its Content-Type",
        "The body looks like a form, but without `Content-Type: "
        "application/x-www-form-urlencoded` the server does not read it (a `str` passed to "
        "`requests`' `data=` sends no Content-Type).",
        "Send `Content-Type: application/x-www-form-urlencoded` with the body.",
    ),
    Code(
        "NON_ASCII_UNENCODED",
        "encoding",
        "request + signature",
        "Signed (or sent) before percent-encoding",
        "Since 2026-01-15 Binance verifies the percent-encoded payload. Non-ASCII text "
        "signed raw while the client encodes it on the way out (or sent raw: -1100) makes "
        "the signed bytes differ from the bytes that arrive.",
        "Percent-encode names and values as UTF-8 *before* signing "
        "(`helpers.params.query_string`), and send exactly that text.",
    ),
    Code(
        "ILLEGAL_CHARACTERS",
        "encoding",
        "request",
        "Illegal characters in the request",
        "A raw space or control byte, a malformed `%` escape, or an escape that decodes to "
        "something that is not UTF-8 text (-1100).",
        "Percent-encode every name and value (`helpers.params.percent_encode`).",
    ),
    Code(
        "HTML_ENTITY_MOJIBAKE",
        "payload",
        "request + signature",
        "`&timestamp` eaten by HTML entity decoding",
        "A web page decoded `&times` into `×` (or `&para` into `¶`, `&not` into `¬`, ...): "
        "text copied from it has lost an `&` and part of a parameter name.",
        "Type the string yourself, or better, build it from parameters; never copy code "
        "from a rendered page without checking the `&`s.",
    ),
    Code(
        "MISSING_TIMESTAMP",
        "timestamp",
        "request",
        "No usable timestamp parameter",
        "SIGNED requests need `timestamp`, in milliseconds, as digits (-1102).",
        "Add `timestamp=<milliseconds since the epoch>` to the parameters you sign.",
    ),
    Code(
        "MISSING_SIGNATURE",
        "signature",
        "request",
        "No signature parameter",
        "The signature travels as the parameter `signature` in the query string or the "
        "form body — not in a header, not in a JSON body (-1102).",
        "Append `&signature=<hex>` to the query string or body you signed.",
    ),
    Code(
        "JSON_ARRAY_ENCODING",
        "parameters",
        "request + signature",
        "A list sent as repeated keys",
        "Binance takes a list parameter (`symbols`, ...) once, as a JSON array; "
        "`requests` turns a Python list into `symbols=A&symbols=B`, a repeated parameter "
        "(-1101).",
        "Send the list as compact JSON text, percent-encoded (`query_string` does), and "
        "sign that same text.",
    ),
    Code(
        "DUPLICATE_PARAMETER",
        "parameters",
        "request",
        "A parameter sent twice",
        "A name appears twice in the query string or twice in the body (-1101).",
        "Send each parameter once.",
    ),
    Code(
        "EMPTY_PARAMETER",
        "parameters",
        "request",
        "A parameter with an empty value",
        "Binance refuses `name=` with nothing after it (-1105).",
        "Leave the parameter out instead of sending it empty.",
    ),
    Code(
        "RECV_WINDOW_INVALID",
        "timestamp",
        "request",
        "recvWindow malformed or over 60000",
        "`recvWindow` is milliseconds with up to three decimals, at most 60000 (-1100, -1102).",
        "Send a `recvWindow` from 1 to 60000, or leave it out (default 5000).",
    ),
    Code(
        "TIMESTAMP_IN_SECONDS",
        "timestamp",
        "request",
        "A timestamp in seconds",
        "Binance wants milliseconds (or microseconds); a seconds value is read as "
        "milliseconds in January 1970, far outside recvWindow (-1021).",
        "`int(time.time() * 1000)` in Python, `Date.now()` in JavaScript, "
        "`(Time.now.to_f * 1000).to_i` in Ruby, `System.currentTimeMillis()` in Java.",
    ),
    Code(
        "TIMESTAMP_OUTSIDE_WINDOW",
        "timestamp",
        "request",
        "Timestamp outside the timing window",
        "The server accepts `timestamp < serverTime + 1000` and `serverTime - timestamp <= "
        "recvWindow` (-1021): your clock is off, or the request waited too long.",
        "Sync your clock (or offset it by `GET /api/v3/time`), take the timestamp just "
        "before sending, and keep recvWindow small.",
    ),
    Code(
        "SIGNATURE_NOT_HEX",
        "signature",
        "request + signature",
        "The HMAC signature is not 64 hex characters",
        "An HMAC signature is the 32 bytes of HMAC-SHA256 written as hex; raw bytes or "
        "base64 are other texts, so they never verify (base64 is for Ed25519 and RSA keys).",
        "`.hexdigest()` in Python, `.digest('hex')` in Node, `HexFormat.of().formatHex(...)` "
        "in Java, `OpenSSL::HMAC.hexdigest` in Ruby.",
    ),
    Code(
        "WRONG_KEY_TYPE",
        "signature",
        "request",
        "A signature of another key type",
        "HMAC signatures are 64 hex characters; Ed25519 and RSA signatures are base64 (of "
        "64 bytes, and of the key size). The signature sent has the other type's shape.",
        "Sign with the key type registered for this API key (`helpers.signing.sign_payload`).",
    ),
    Code(
        "BASE64_SIGNATURE_MANGLED",
        "signature",
        "signature",
        "The base64 signature mangled on the way",
        "An Ed25519/RSA signature is base64, whose `+`, `/` and `=` must be percent-encoded "
        "in the request: a bare `+` arrives as a space; URL-safe base64, a dropped `=` or "
        "a double encoding are other texts.",
        "Standard base64 (`base64.b64encode`), then percent-encode it once "
        "(`helpers.params.percent_encode`).",
    ),
    Code(
        "SPACE_PLUS_VS_PERCENT20",
        "encoding",
        "signature",
        "Space signed as `%20`, sent as `+` (or the other way)",
        "A space may travel as `%20` or `+`, but the signature covers one text; the client "
        "re-encoded it between signing and sending.",
        "Build the bytes once, sign them, send them unchanged.",
    ),
    Code(
        "DOUBLE_ENCODED",
        "encoding",
        "signature",
        "Values percent-encoded twice",
        "The values were encoded once before signing, then the HTTP client encoded the `%` "
        "again as `%25`.",
        "Encode once: send the query string you signed as it is (or let one library do both).",
    ),
    Code(
        "URL_NORMALIZED_AFTER_SIGNING",
        "encoding",
        "signature",
        "The URL re-encoded after signing",
        "The HTTP client normalised the escapes after you signed (`%7E` → `~`, `%2f` → "
        "`%2F`, `(` → `%28`, ...): the server receives other bytes.",
        "Encode with RFC 3986 (`~` stays `~`, hex uppercase) and send the signed URL "
        "unchanged (`helpers.request.send` does).",
    ),
    Code(
        "PARAMS_REORDERED",
        "payload",
        "signature",
        "Parameters reordered between signing and sending",
        "Binance accepts any order but verifies the parameters in the order they arrive.",
        "Sign the parameters in the order you send them: build the string once.",
    ),
    Code(
        "WS_SORTED_PAYLOAD_ON_REST",
        "payload",
        "signature",
        "The WebSocket API's sorted payload used for REST",
        "The WebSocket API signs parameters sorted by name (values raw); REST signs the "
        "query string and body exactly as sent.",
        "For REST, sign the query string + body as sent, unsorted and percent-encoded.",
    ),
    Code(
        "QUERY_BODY_JOINED_WITH_AMPERSAND",
        "payload",
        "signature",
        "Query string and body joined with `&`",
        "The payload is the query string *concatenated* with the body, no separator.",
        "`total_params(query, body)`: `...GTC` + `quantity=1...` gives `...GTCquantity=1...`.",
    ),
    Code(
        "SIGNATURE_IN_PAYLOAD",
        "payload",
        "signature",
        "`signature` included in what was signed",
        "A placeholder `signature=` was in the parameters when they were encoded and "
        "signed; the server removes `signature` before it verifies.",
        "Sign every other parameter; append `signature` last.",
    ),
    Code(
        "TRAILING_NEWLINE",
        "payload",
        "signature",
        "A trailing newline in the signed payload",
        "`echo` without `-n`, or a line read from a file, adds `\\n` to what is signed.",
        "`printf '%s'` or `echo -n` in the shell; never sign text read with its newline.",
    ),
    Code(
        "BOOL_CAPITALIZED",
        "parameters",
        "request + signature",
        "`True` sent where Binance expects `true`",
        "`str(True)` is `True`; Binance's booleans are `true`/`false`. Signed one spelling "
        "and sent the other, the bytes differ.",
        "Write the text the docs show (`'true'`) yourself; `query_string` refuses bools.",
    ),
    Code(
        "FLOAT_EXPONENT",
        "parameters",
        "request",
        "A float formatted as `1e-05`",
        "`str(0.00001)` is `1e-05`; Binance refuses decimals in scientific notation "
        "(-1100), even with a valid signature.",
        "Pass amounts as `str` or `decimal.Decimal` in plain notation (`0.00001`).",
    ),
    Code(
        "SECRET_WHITESPACE",
        "key",
        "signature",
        "Whitespace around the secret",
        "The HMAC key is every byte of the secret: a newline or space read with it makes "
        "another key.",
        "Strip the secret where you read it (`hmac_sha256_hex` refuses one with whitespace).",
    ),
    Code(
        "SECRET_BASE64_DECODED",
        "key",
        "signature",
        "The secret base64-decoded",
        "Binance's secret is used as the text it is (its ASCII bytes), never base64-decoded.",
        "Use the secret's bytes as the key: `secret.encode()`, Ruby's `secret` as is.",
    ),
    Code(
        "API_KEY_AS_SECRET",
        "key",
        "signature",
        "Signed with the API key instead of the secret",
        "The API key travels in the header; the *secret* key is the HMAC key.",
        "Sign with the secret key; send the API key in `X-MBX-APIKEY`.",
    ),
    Code(
        "KEY_MESSAGE_SWAPPED",
        "signature",
        "signature",
        "HMAC key and message swapped",
        "The payload was used as the HMAC key and the secret as the message.",
        "`hmac.new(secret, payload, hashlib.sha256)`: the secret is the key.",
    ),
    Code(
        "SECRET_CONCATENATED",
        "signature",
        "signature",
        "Secret concatenated with the payload and hashed",
        "Hashing (or HMAC-ing) secret + payload is not HMAC(secret, payload): another "
        "construction, and a plain hash of secret + message is open to length extension.",
        "HMAC-SHA256 with the secret as the key and the payload as the message.",
    ),
    Code(
        "WRONG_SECRET_OR_KEY",
        "key",
        "signed_payload",
        "The key differs",
        "What was signed is exactly what was sent, yet the signature does not verify with "
        "the key given: the signature was made with another key (another API key's secret "
        "or private key, a typo, a testnet/live mix-up).",
        "Check which secret the signing code really uses; create a new key pair if in doubt.",
    ),
    Code(
        "UNKNOWN_MISMATCH",
        "signature",
        "signature",
        "The signature does not verify, and no known mistake explains it",
        "No hypothesis reproduces the signature. Either the payload differs in a way the "
        "doctor does not know, or the key differs.",
        "Pass `signed_payload=` (the exact text your code signed) to see the first "
        "differing byte; if it is identical to what was sent, the key differs.",
    ),
)

BY_CODE = {code.code: code for code in CODES}
CHECK_ORDER = {code.code: index for index, code in enumerate(CODES)}


def codes_table() -> str:
    lines = ["| code | stage | proof | meaning | fix |", "|---|---|---|---|---|"]
    for c in CODES:
        lines.append(f"| `{c.code}` | {c.stage} | {c.proof} | {c.title}: {c.why} | {c.fix} |")
    return "\n".join(lines)
