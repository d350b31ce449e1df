"""Every choice this model makes where Binance's docs are silent, with its source.

``LocalExchange`` is a model, not Binance. Each row of ``ASSUMPTIONS`` is (behaviour, choice,
source): what the model does and where that comes from — a Binance doc section (rest-api.md
→ "Request Security" → "SIGNED Endpoint security", "Timing security"; WebSocket API;
errors.md; faqs/api_key_types.md) or ``NOT_VERIFIED``, a choice still to be checked against the real
Spot Testnet with ``make testnet-check`` (``helpers.testnet_check``).

The rows are data so that one source feeds the table at the end of ``helpers.exchange``'s
docstring, ``assumptions()`` and notebook 03: the three cannot drift apart. A row's
behaviour is its stable key: a verdict of ``helpers/data/mistakes.toml`` that rests on a row
(``rests_on``) is "the local exchange's choice" exactly when the row is ``unverified``.
"""

from helpers.exchange.messages import (
    KEPT_BYTES,
    MAX_CONNECTIONS,
    MAX_VERDICT_BYTES,
    MAX_VERDICTS,
    REQUEST_DEADLINE_S,
)
from helpers.exchange.product_assumptions import PRODUCT_ASSUMPTIONS
from helpers.wire import MAX_REQUEST_BYTES

NOT_VERIFIED = "not verified against Binance; to be checked with `make testnet-check`"

# The checks of a SIGNED request, in the order the local exchange runs them (the model's
# choice: the docs give no order). The doctor lists its findings in this order, each at
# the check that refuses it (``check`` of a verdict in helpers/data/mistakes.toml).
CHECKS: tuple[str, ...] = (
    "route", "API key", "key access", "syntax", "mandatory", "duplicates", "empty values",
    "recvWindow", "timing", "signature", "endpoint fields",
)  # fmt: skip

# (behaviour, choice, source). The table at the end of helpers.exchange's docstring is
# generated from these rows, so the docstring, assumptions() and notebook 03 cannot drift apart.
ASSUMPTIONS: tuple[tuple[str, str, str], ...] = (
    (
        "Signature payload",
        "The raw bytes received: raw query string + raw form body, no separator, each with "
        "its `signature=...` pair removed (split on `&`, drop it, rejoin with `&`); never a "
        "re-serialized dict. So a space sent as `+` and one sent as `%20` both verify when "
        "each was signed as sent.",
        'rest-api.md → "Request Security" → "SIGNED Endpoint Examples for POST '
        '/api/v3/order" → "HMAC Keys": "The signature payload of your request is the query '
        'string concatenated without separator to the HTTP body." That Binance hashes the '
        f"bytes as received (so `+` and `%20` both pass): {NOT_VERIFIED}",
    ),
    (
        "Where `signature` may sit",
        "Anywhere in the query string or the body, not only last. Sent twice (in one part "
        "or in both) → -1101.",
        'rest-api.md → "Request Security" → "SIGNED Endpoint security": `signature` is "to '
        'be sent in the `query string` or `request body`" (no position given). Position and '
        f"repeat rule: {NOT_VERIFIED}",
    ),
    (
        "Signature value",
        "Form-decoded like any value before verification (`%2B` and `%2b` → `+`; a raw "
        "`+` → space). HMAC hex compared case-insensitively, in constant time.",
        'rest-api.md → "Request Security" → "SIGNED Endpoint security" → "Signature Case '
        'Sensitivity": "Signatures generated using HMAC are **not case-sensitive**." '
        f"The decoding: {NOT_VERIFIED}",
    ),
    (
        "Ed25519 and RSA signatures",
        "Percent-decoded like any value, then read as strict standard base64 (alphabet "
        "`A-Z a-z 0-9 + /`, `=` padding kept) and verified with the registered public key "
        "(RSA: PKCS#1 v1.5 with SHA-256): case-sensitive. URL-safe or unpadded base64, or a "
        "`+` that arrived as a space → -1022.",
        'rest-api.md → "Request Security" → "SIGNED Endpoint Examples for POST '
        '/api/v3/order" → "RSA Keys" and "Ed25519 Keys": base64, then percent-encoded; "the '
        'payload and the resulting `signature` are **case-sensitive**." The strict reading '
        f"of base64: {NOT_VERIFIED}",
    ),
    (
        "Wrong key type",
        "A signature shaped for another key type (64 hex characters sent for an Ed25519 or "
        "RSA key; base64 sent for an HMAC key; Ed25519-sized for an RSA key) → -1022 like "
        "any bad signature; the verdict's detail names both key types.",
        "errors.md lists no separate code for it (-1022 INVALID_SIGNATURE); "
        f"faqs/api_key_types.md. That Binance answers -1022: {NOT_VERIFIED}",
    ),
    (
        "Public keys",
        "`Ed25519Key` and `RsaKey` hold only a public key (a loaded key or a `PUBLIC KEY` "
        "PEM); a private key is refused: Binance is only ever given the public key.",
        "REST API, SIGNED Endpoint Examples, RSA Keys: you upload your public key and are "
        "given an API key; faqs/api_key_types.md.",
    ),
    (
        "Check order",
        " → ".join(CHECKS) + ". Key access: IP, then permissions; mandatory: timestamp and "
        "signature. A request with several mistakes is refused at the first check it fails.",
        NOT_VERIFIED,
    ),
    (
        "API-key header",
        "Format: 1 to 128 ASCII letters and digits (Binance's keys are 64). Missing, empty, "
        "malformed (whitespace, quotes) or repeated `X-MBX-APIKEY` → -2014; well-formed but "
        "not registered → -2015. Header name case-insensitive.",
        'errors.md: -2014 BAD_API_KEY_FMT "API-key format invalid.", -2015 '
        f"REJECTED_MBX_KEY. The format rule: {NOT_VERIFIED}",
    ),
    (
        "API-key permissions",
        '`register_key(..., permissions=("USER_DATA", "TRADE"))` by default. A key '
        "without `TRADE` (read-only) → -2015 on TRADE endpoints (`POST`/`DELETE "
        "/api/v3/order`, `/api/v3/order/test`, `order.place`, `order.test`); without "
        "`USER_DATA` → -2015 on USER_DATA endpoints. `session.logon` needs neither.",
        'rest-api.md → "Request Security": "API keys can be configured to allow access only '
        'to certain types of secure endpoints", "By default, an API key cannot `TRADE`" (the '
        "model's default grants TRADE, so examples run); errors.md: -2015 REJECTED_MBX_KEY. "
        f"That a missing permission answers -2015: {NOT_VERIFIED}",
    ),
    (
        "API-key IP restriction",
        "`register_key(..., allowed_ips=(...))`: a request from any other client address → "
        "-2015, on every SIGNED endpoint and method. Clients of the local exchange come from "
        "127.0.0.1; `handle_ws` (no socket) counts as 127.0.0.1.",
        'errors.md: -2015 "Invalid API-key, IP, or permissions for action." (the IP part of '
        f"the message); {NOT_VERIFIED}",
    ),
    (
        "Which -2015 check comes first",
        "Unknown API key, then the IP restriction, then the permission; all three right "
        "after the key is read, before the parameters. The message is the same for each; "
        "the verdict's detail says which.",
        "The model's choice: the docs give the one message, not the order of the checks; "
        f"{NOT_VERIFIED}",
    ),
    (
        "Keys of another environment",
        "Each `LocalExchange` knows only the keys registered with it: a key of another "
        "environment (Spot Testnet, Demo Mode, live) is an unknown key → -2015. "
        "`helpers.keys.which_environment(url)` names a URL's environment.",
        "Users report -2015 for a testnet key sent to the live URL and the reverse (observed "
        "by users, not documented); testnet/general-info.md and demo-mode/general-info.md "
        "give each environment its own URLs and its own keys. The -2015 itself: "
        f"{NOT_VERIFIED}",
    ),
    (
        "HTTP status of -2014 and -2015",
        "401.",
        'REST API, HTTP Return Codes: "HTTP 4XX return codes are used for malformed '
        'requests" (no number per code). Clients report 401, e.g. '
        "binance/binance-connector-python issue #155 `(401, -2015, ...)`; "
        f"{NOT_VERIFIED}",
    ),
    (
        "HTTP status of other refusals",
        "400 for every other Binance code (-1xxx, -2010, -2011).",
        f"REST API, HTTP Return Codes (4XX, no number per code); {NOT_VERIFIED}",
    ),
    (
        "recvWindow over 60000",
        "400, -1102 \"'recvWindow' contains unexpected value. Cannot be greater than "
        "'60000'.\" 60000 itself is accepted.",
        'REST API, Timing security: the max "cannot go beyond 60,000". errors.md lists '
        "this -1102 message without naming the parameter; older docs had -1131 "
        f"BAD_RECV_WINDOW for this case. Which one Binance sends today: {NOT_VERIFIED}",
    ),
    (
        "recvWindow syntax",
        "Digits with up to 3 decimals (microseconds), e.g. `5000` or `0.5`; anything else "
        "→ -1100 naming the legal range.",
        "REST API, Timing security: recvWindow takes up to three decimal places. The error "
        f"for a malformed one: {NOT_VERIFIED}",
    ),
    (
        "timestamp unit",
        "A value of 10^15 or more (16+ digits) is microseconds, else milliseconds; a "
        "timestamp in seconds is therefore read as milliseconds in January 1970 → -1021. "
        "Non-digits or more than 20 digits → -1102 (malformed).",
        "REST API, Timing security: timestamp in milliseconds or microseconds. How the "
        f"unit is told apart: {NOT_VERIFIED}",
    ),
    (
        "Timing rule",
        "Accept iff `timestamp < serverTime + 1000` and `serverTime - timestamp <= "
        "recvWindow` (default 5000), computed exactly in microseconds; else -1021 with "
        'the "1000ms ahead" or the "outside of the recvWindow" message.',
        "REST API, Timing security (the rule is quoted there as code); errors.md, -1021 "
        "INVALID_TIMESTAMP messages.",
    ),
    (
        "Illegal characters",
        "Raw bytes outside visible ASCII (unencoded UTF-8, spaces, control bytes), "
        "malformed escapes (`%zz`, a lone `%`), escapes that decode to invalid UTF-8 or to "
        "control characters, an empty parameter name → -1100.",
        f"errors.md, -1100 ILLEGAL_CHARS. Which inputs trigger it: {NOT_VERIFIED}",
    ),
    (
        "Duplicate parameters",
        "A name twice in one part (query or body) → -1101. A name in both the query and "
        "the body is not an error: the query's value wins.",
        'errors.md, -1101 "Duplicate values for a parameter detected."; REST API, General '
        'Information on Endpoints: "If a parameter sent in both the query string and '
        'request body, the query string parameter will be used."',
    ),
    (
        "Empty values",
        "An empty timestamp or signature → -1102; any other empty value → -1105 "
        "\"Parameter '...' was empty.\"",
        f"errors.md, -1102 and -1105 messages. Which applies when: {NOT_VERIFIED}",
    ),
    (
        "Bodies that are not forms",
        "A body is read as parameters only with Content-Type "
        "application/x-www-form-urlencoded on POST or DELETE. A JSON body, a body without "
        "Content-Type, or a GET body is ignored (left out of the payload too), so such a "
        "request usually fails with -1102.",
        "REST API, General Information on Endpoints: parameters go in the query string or "
        'in a body "with content type application/x-www-form-urlencoded" (JSON bodies are '
        f"not accepted). The resulting error: {NOT_VERIFIED}",
    ),
    (
        "Size limit",
        "64 KiB: a longer request line → 414; query + body over 64 KiB → 413, refused from "
        "Content-Length before any of the body is read.",
        f"The kit's choice (Binance documents no limit); {NOT_VERIFIED}",
    ),
    (
        "HTTP-level errors",
        "Bad request line, headers, Content-Length or HTTP version → 400 (431 headers too "
        'large, 411 chunked body, 408 client too slow), body `{"code": -1000, ...}`. An '
        "unexpected error inside the server → 400, -1000. Never a 5xx, never a traceback.",
        f"errors.md, -1000 UNKNOWN. Binance's front end answers these itself: {NOT_VERIFIED}",
    ),
    (
        "Unknown path, wrong method",
        '404 or 405, -1020 "This operation is not supported."',
        f"errors.md, -1020 UNSUPPORTED_OPERATION; {NOT_VERIFIED}",
    ),
    (
        "Decimal order fields",
        "quantity, quoteOrderQty, price and stopPrice must match "
        "`^([0-9]{1,20})(\\.[0-9]{1,20})?$` (plain notation, so a float's `1e-05` fails) "
        "→ -1100 naming the parameter and that range.",
        "errors.md, -1100 \"Illegal characters found in parameter '%s'; legal range is "
        f"'%s'.\" The range itself is the one Binance's replies quote; {NOT_VERIFIED}",
    ),
    (
        "Orders",
        "Kept in memory per API key and never matched (status NEW until cancelled). POST "
        "checks only that symbol, side and type are sent (-1102 naming the first missing). "
        'DELETE needs symbol and orderId or origClientOrderId; unknown → -2011 "Unknown '
        'order sent."; a newClientOrderId already open → -2010 "Duplicate order sent."',
        "errors.md: messages for -2010 and -2011, and -1102 \"Param '%s' or '%s' must be "
        "sent, but both were empty/null!\". The rest is the kit's simplification.",
    ),
    (
        "WebSocket API payload",
        "`handle_ws` rebuilds it from the JSON text received: every param except "
        "`signature`, `apiKey` included, sorted by name in code-point order, `name=value` "
        "joined with `&`; strings raw UTF-8, numbers and `true`/`false` as their literal JSON "
        "text (`100`, `0.10`). The signature is read as is (no percent-decoding).",
        'web-socket-api.md → "Request security" → "SIGNED request example (HMAC)", Step 1: '
        '"sort them in alphabetical order by parameter name"; errors.md, -1022. Numbers and '
        f"booleans as literal text, code-point order: {NOT_VERIFIED}",
    ),
    (
        "WebSocket API requests",
        "Not UTF-8, not a JSON object, no `method` string, an `id` that is not a string, "
        'integer or null, or `params` that is not an object → status 400, -1135 "Invalid '
        'JSON Request" (`id` null if unread). A name twice in params → -1101; null or empty '
        "value → -1105 (apiKey, timestamp, signature → -1102); arrays and objects → -1100. "
        "Methods: order.place, order.test, session.logon, session.status, session.logout "
        "(a `v3/` prefix allowed); any other → 400, -1020.",
        f"errors.md: -1135 INVALID_JSON, -1101, -1102, -1105, -1100, -1020. Which code "
        f"Binance sends for each: {NOT_VERIFIED}",
    ),
    (
        "WebSocket API responses",
        "`{id, status, result}` or `{id, status, error: {code, msg}}`; status as in the REST "
        "model (200, 400, and 401 for -2014/-2015); no `rateLimits` field. Checks in the "
        "REST order: envelope → method → apiKey (or session) → syntax → mandatory → "
        "duplicates → empty → recvWindow → timing → key type → signature → order fields.",
        'WebSocket API, Response format ("the same as in HTTP"); its session-revocation '
        "example answers -2015 with status 401. Leaving out rateLimits is the kit's "
        f"simplification; the check order: {NOT_VERIFIED}",
    ),
    (
        "session.logon",
        "Ed25519 keys only: an HMAC or RSA key → -1022, even with a valid signature. After "
        "a logon, order.place and order.test sent without `apiKey` and `signature` use the "
        "session's key (timestamp still checked). One simulated connection per exchange: "
        "`connectedSince` is the server time of its first request; session.logout forgets "
        "the key.",
        'WebSocket API, Session Authentication ("Only Ed25519 keys are supported") and '
        "session.logon. The code for other key types: users report an invalid-signature "
        "error (sieblyio/binance pull request #626); "
        f"{NOT_VERIFIED}",
    ),
    (
        "Connections",
        "One request per connection (HTTP/1.0, `Connection: close`). A client silent for "
        "`LocalExchange.socket_timeout` seconds (default 5) is disconnected, with 408 if "
        "it stalled mid-body.",
        f"The kit's choice, so one slow client cannot hang the server; {NOT_VERIFIED}",
    ),
    (
        "Canonical base64 only",
        "An Ed25519 or RSA signature must be the canonical base64 of its bytes: the unused "
        "bits after the last character are zero, so each signature has exactly one accepted "
        "text. Another text for the same bytes (`...Ag==` sent as `...Ah==`) → -1022.",
        "The model's choice: the docs say these signatures are case-sensitive and say "
        f"nothing of canonical base64; {NOT_VERIFIED}",
    ),
    (
        "Header lines and whitespace",
        "A bare CR or LF inside a header line, or a line folded onto the one before → 400 "
        "-1000 (it would start a new header). `X-MBX-APIKEY`'s value is what follows the "
        "colon and one optional space: any other whitespace, before or after the key, is "
        "part of the value, so the key is refused (-2014) either way.",
        "The model's choice (RFC 9112, 2.2: a bare CR may be refused); that Binance refuses "
        f"whitespace around the key: {NOT_VERIFIED}",
    ),
    (
        "WebSocket API request size",
        f"A request over {MAX_REQUEST_BYTES // 1024} KiB (the limit this model applies to a "
        "REST query string and body) is refused before it is read (-1135); JSON nested "
        "too deeply to read → -1135; a lone surrogate (`\\ud800`) in a name or value → -1100.",
        f"The model's choice: the docs give no size limit for one request; {NOT_VERIFIED}",
    ),
    (
        "Deadline and connections",
        f"A whole request (line, headers, body) must arrive within {REQUEST_DEADLINE_S:g} s, "
        f"however often bytes trickle in; at most {MAX_CONNECTIONS} connections are served "
        "at once, more are closed unanswered.",
        f"The kit's choice, so slow clients cannot hold every handler thread; {NOT_VERIFIED}",
    ),
    (
        "Verdicts kept",
        f"The latest {MAX_VERDICTS:,} verdicts, at most about {MAX_VERDICT_BYTES >> 20} MiB in "
        f"all; of a body or payload over {KEPT_BYTES // 1024} KiB only the first "
        f"{KEPT_BYTES // 1024} KiB are kept, and a note on the verdict says so.",
        f"The kit's choice, so memory stays bounded (not Binance behaviour); {NOT_VERIFIED}",
    ),
    (
        "Default clientOrderId",
        "An order without `newClientOrderId` gets `kit-<orderId>`, or `kit-<orderId>-1`, "
        "`-2`... when an open order already took that text as its own id.",
        "The kit's choice (Binance generates a random id); that ids never collide is what "
        f"matters; {NOT_VERIFIED}",
    ),
    (
        "listenKey endpoints",
        "Not modelled: `POST`/`PUT`/`DELETE /api/v3/userDataStream` → 404, -1020 like any "
        "unknown path; the WebSocket API's `userDataStream.start`/`ping`/`stop` → -1020. "
        "Binance retired them on 2026-02-20 (not merely deprecated).",
        'CHANGELOG.md → "2026-01-21": these endpoints and methods "will no longer be '
        'available starting from" 2026-02-20, 07:00 UTC (announced 2025-10-24). What Binance '
        f"answers now: {NOT_VERIFIED}",
    ),
    (
        "Percent-encoding before signing",
        "The payload verified is the text received, percent-encoded: a value signed before "
        "it was percent-encoded (non-ASCII, a space) does not verify → -1022.",
        'REST API, "HMAC Keys": "Any non-ASCII character must be percent-encoded before '
        'signing." CHANGELOG.md → "2025-12-17": from 2026-01-15 "percent-encode payloads '
        'before computing signatures", otherwise -1022; "This has now been enabled on" the '
        "Spot Testnet, before the live exchange.",
    ),
)


def assumption(behaviour: str) -> tuple[str, str, str]:
    """The row of ``assumptions()`` whose behaviour is ``behaviour`` (its stable key, e.g.
    ``"timestamp unit"``); the error lists the keys there are."""
    for row in assumptions():
        if row[0] == behaviour:
            return row
    keys = ", ".join(row[0] for row in assumptions())
    raise KeyError(f"no assumption {behaviour!r}; there are: {keys}")


def unverified(behaviour: str) -> bool:
    """Whether the row ``behaviour`` rests, at least in part, on a choice of this model that
    Binance's docs do not state (its source says ``NOT_VERIFIED``)."""
    return NOT_VERIFIED in assumption(behaviour)[2]


def markdown_table(rows: tuple[tuple[str, str, str], ...]) -> str:
    """(behaviour, choice, source) rows as a Markdown table (for the package docstring)."""
    lines = ["| behaviour | choice | source |", "|---|---|---|"]
    lines += [f"| {behaviour} | {choice} | {source} |" for behaviour, choice, source in rows]
    return "\n".join(lines)


def assumptions() -> list[tuple[str, str, str]]:
    """Every behaviour of this model that Binance's docs do not state: (behaviour, choice,
    source) rows — Spot's (``ASSUMPTIONS``), then the other products'
    (``product_assumptions.PRODUCT_ASSUMPTIONS``) — the table in ``helpers.exchange``'s
    docstring."""
    return list(ASSUMPTIONS + PRODUCT_ASSUMPTIONS)
