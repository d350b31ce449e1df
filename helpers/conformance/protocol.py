"""The signer protocol in plain words, written once: ``python -m helpers.conformance --help``
prints it, and the package's docstring ends with it (``help(helpers.conformance)``).

``PROTOCOL`` is what a signer reads and answers; ``EXAMPLE_SIGNER`` a complete signer in
Python (REST cases with HMAC; it declines the others), which the tests run through the
suite, so the example a newcomer copies from ``--help`` passes.
"""

from helpers.conformance.process import OUTPUT_LIMIT

__all__ = ["EXAMPLE_SIGNER", "PROTOCOL"]

_MIB = OUTPUT_LIMIT // 2**20

PROTOCOL = f"""\
For each case the suite starts your command once, writes one JSON object to its standard
input and reads one JSON object from its standard output; then the command exits.

A REST case:
  {{"api": "rest", "key_type": "HMAC" | "Ed25519" | "RSA",
   "secret": "..."  (HMAC)  or  "private_key": "<PKCS#8 PEM text>"  (Ed25519, RSA),
   "method": "POST", "path": "/api/v3/order",
   "query": [[name, value], ...], "body": [[name, value], ...]}}
  Every value is the parameter's text (timestamp and recvWindow included). Percent-encode
  each name and value (UTF-8, a space as %20), sign the query string followed by the body
  (no "&" between them), add "signature" to the query string or the body, and answer
  {{"query": "<the query string as sent>", "body": "<the form body as sent>"}}.

A WebSocket API case:
  {{"api": "ws", "key_type": "HMAC", "secret": "...", "method": "order.place",
   "params": [[name, value], ...]}}  (apiKey and timestamp among the params)
  Sign the params sorted by name, as name=value joined with "&", values as given (not
  percent-encoded), and answer {{"params": {{"name": "value", ..., "signature": "..."}}}}.

To skip a case, answer {{"unsupported": "the reason"}}: it is counted, not failed. A case
fails on a timeout, a crash (a non-zero exit status: the last line of standard error is
shown), output that is not the JSON asked for, or more than {_MIB} MiB on standard output
or error (the signer is stopped there)."""

EXAMPLE_SIGNER = """\
import hashlib, hmac, json, sys, urllib.parse
case = json.load(sys.stdin)
if case["api"] != "rest" or case["key_type"] != "HMAC":
    sys.exit(print(json.dumps({"unsupported": "REST with HMAC only"})))
enc = lambda pairs: "&".join(
    urllib.parse.quote(n, safe="") + "=" + urllib.parse.quote(v, safe="") for n, v in pairs)
query, body = enc(case["query"]), enc(case["body"])
sig = hmac.new(case["secret"].encode(), (query + body).encode(), hashlib.sha256).hexdigest()
if body:
    body += "&signature=" + sig
else:
    query += ("&" if query else "") + "signature=" + sig
print(json.dumps({"query": query, "body": body}))
"""
