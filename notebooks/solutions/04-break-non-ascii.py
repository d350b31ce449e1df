import hashlib
import hmac
import urllib.parse


def unicode_broken(params, secret):
    signed = "&".join(f"{name}={value}" for name, value in params.items())  # raw, not encoded
    sent = urllib.parse.urlencode(params)  # what requests' params= puts on the wire
    return sent, hmac.new(secret.encode(), signed.encode(), hashlib.sha256).hexdigest()


def unicode_fixed(params, secret):
    quote = urllib.parse.quote  # UTF-8, RFC 3986: only A-Z a-z 0-9 - _ . ~ kept
    sent = "&".join(f"{quote(k, safe='')}={quote(v, safe='')}" for k, v in params.items())
    return sent, hmac.new(secret.encode(), sent.encode(), hashlib.sha256).hexdigest()
