# A Binance request signer in Python (standard library only), for the kit's conformance suite:
#   make conformance CMD='python3 signers/sign.py'
# It reads one case as JSON on standard input and prints the request it would send:
# names and values percent-encoded as UTF-8 (RFC 3986 unreserved characters kept), the
# payload = query string + body with no separator, HMAC-SHA256 of it in hex, appended last.
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
