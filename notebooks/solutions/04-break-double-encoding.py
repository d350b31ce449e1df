import hashlib
import hmac
import urllib.parse


def twice_broken(params, secret):
    encoded = {name: urllib.parse.quote(value, safe="") for name, value in params.items()}
    signed = "&".join(f"{name}={value}" for name, value in encoded.items())  # encoded once
    sent = urllib.parse.urlencode(encoded)  # requests encodes every % again: %25
    return sent, hmac.new(secret.encode(), signed.encode(), hashlib.sha256).hexdigest()


def twice_fixed(params, secret):
    quote = urllib.parse.quote
    sent = "&".join(f"{quote(k, safe='')}={quote(v, safe='')}" for k, v in params.items())
    return sent, hmac.new(secret.encode(), sent.encode(), hashlib.sha256).hexdigest()
