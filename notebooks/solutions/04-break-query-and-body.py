import hashlib
import hmac


def mixed_broken(query, body, secret):
    signed = query + "&" + body  # looks tidy
    sent = query + body  # what the server rebuilds: no separator
    return sent, hmac.new(secret.encode(), signed.encode(), hashlib.sha256).hexdigest()


def mixed_fixed(query, body, secret):
    sent = query + body
    return sent, hmac.new(secret.encode(), sent.encode(), hashlib.sha256).hexdigest()
