"""Notebook 02: the answers a learner could copy from the cells above each exercise."""

COPIED = {
    # The worked step above the exercise: one plain SHA-256 of the key and the message.
    "solutions/02-hmac-sha256.py": """
import hashlib


def hmac_sha256(key, message):
    return hashlib.sha256(key + message).digest()
""",
    # The comparison the notebook prints ("yours == kit"): == with the kit's hex.
    "solutions/02-verify-hmac.py": """
from helpers.signing import hmac_sha256_hex


def verify_hmac(secret, payload, signature):
    return hmac_sha256_hex(secret, payload) == signature
""",
    # The padding cell above, glued on by hand, and the MAC that was given, handed back.
    "solutions/02-forge.py": """
from helpers.length_extension import padding


def forge(mac_hex, message, extension, secret_length):
    return message + padding(secret_length + len(message)) + extension, mac_hex
""",
    # The newline-secret cell above, made a function: the file's text signs as it is.
    "solutions/02-sign-with-file-secret.py": """
import hashlib
import hmac


def sign_with_file_secret(file_text, payload):
    return hmac.new(file_text.encode(), payload.encode(), hashlib.sha256).hexdigest()
""",
}
