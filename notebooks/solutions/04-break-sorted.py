import hashlib
import hmac
import urllib.parse


def sorted_broken(params, secret):
    signed = "&".join(f"{name}={params[name]}" for name in sorted(params))  # the WebSocket rule
    sent = urllib.parse.urlencode(params)  # sent in the order given
    return sent, hmac.new(secret.encode(), signed.encode(), hashlib.sha256).hexdigest()


def sorted_fixed(params, secret):
    quote = urllib.parse.quote
    sent = "&".join(f"{quote(k, safe='')}={quote(v, safe='')}" for k, v in params.items())
    return sent, hmac.new(secret.encode(), sent.encode(), hashlib.sha256).hexdigest()
