import decimal
import hashlib
import hmac


def float_broken(params, secret):
    sent = "&".join(f"{name}={value}" for name, value in params.items())  # str(0.00001): 1e-05
    return sent, hmac.new(secret.encode(), sent.encode(), hashlib.sha256).hexdigest()


def float_fixed(params, secret):
    def plain(value):  # the float's shortest text (repr), without an exponent
        return format(decimal.Decimal(repr(value)), "f") if isinstance(value, float) else str(value)

    sent = "&".join(f"{name}={plain(value)}" for name, value in params.items())
    return sent, hmac.new(secret.encode(), sent.encode(), hashlib.sha256).hexdigest()
