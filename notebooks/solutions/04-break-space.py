import hashlib
import hmac
import urllib.parse


def space_broken(params, secret):
    signed = urllib.parse.urlencode(params, quote_via=urllib.parse.quote)  # space -> %20
    sent = urllib.parse.urlencode(params)  # requests' data= form-encodes: space -> +
    return sent, hmac.new(secret.encode(), signed.encode(), hashlib.sha256).hexdigest()


def space_fixed(params, secret):
    sent = urllib.parse.urlencode(params)  # the bytes this client sends, signed as they are
    return sent, hmac.new(secret.encode(), sent.encode(), hashlib.sha256).hexdigest()
