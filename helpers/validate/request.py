"""``helpers.request``'s arguments (and ``helpers.websocket``'s API key, timestamp and key).

Checked before anything is signed, in the order ``sign_request`` takes them: the method
and path, then the timestamp, the API key and the key arguments, then the parameters.
"""

from helpers.key_types import HMAC
from helpers.validate.params import validate_pairs
from helpers.validate.signing import validate_key_type
from helpers.wire import API_KEY_HEADER, METHODS

# Parameters sign_request sets itself; passing them in params is a mistake.
RESERVED = {
    "timestamp": "pass timestamp=... to sign_request instead",
    "recvWindow": "pass recv_window=... to sign_request instead",
    "apiKey": "the API key goes in the X-MBX-APIKEY header: pass api_key=... instead",
    "api_key": "the API key goes in the X-MBX-APIKEY header: pass api_key=... instead",
}


def validate_api_key(api_key: object) -> str:
    """The API key as given, if it can travel in the header; else an error naming it."""
    if not isinstance(api_key, str) or not api_key:
        raise TypeError("api_key: expected the API key as a non-empty str")
    if not api_key.isascii() or not api_key.isprintable() or api_key != api_key.strip():
        raise ValueError(
            "api_key: must be printable ASCII without surrounding whitespace "
            f"(it travels in the {API_KEY_HEADER} header)"
        )
    return api_key


def validate_timestamp(timestamp: object) -> int:
    """The timestamp as given, if it is a positive int (milliseconds or microseconds).

    The same rule as every parameter value (``helpers.params.format_value``): a plain
    ``int`` only; a ``bool``, an ``Enum`` member or another ``int`` subclass is refused.
    """
    if type(timestamp) is not int or timestamp <= 0:
        plain = type(timestamp) in (bool, float, str, type(None))
        if type(timestamp) is int and timestamp.bit_length() < 64:
            plain = True
        got = repr(timestamp) if plain else f"a {type(timestamp).__name__}"
        hint = " (for an Enum member, pass its .value)" if isinstance(timestamp, int) else ""
        raise TypeError(
            f"timestamp: expected milliseconds since the epoch as a positive plain int, "
            f"got {got}{hint}"
        )
    if timestamp.bit_length() > 63:
        raise ValueError("timestamp: too large for a 64-bit integer; pass milliseconds")
    return timestamp


def validate_key_arguments(
    key_type: object, secret: object, private_key: object, password: object
) -> str:
    """The canonical key type, once the right key argument (and only it) is given."""
    kind = validate_key_type(key_type)
    if kind == HMAC:
        if private_key is not None:
            raise ValueError(
                "private_key: an HMAC key signs with secret=...; for a private key say which "
                "type it is: key_type='Ed25519' or key_type='RSA' (the kit never guesses)"
            )
        if password is not None:
            raise ValueError("password: only an encrypted Ed25519 or RSA PEM has a password")
        if secret is None:
            raise TypeError("secret: key_type='HMAC' signs with the secret key: pass secret=...")
        return kind
    if secret is not None:
        raise ValueError(
            f"secret: key_type={kind!r} signs with private_key=..., not secret= (the "
            "secret key is HMAC's; an Ed25519 or RSA key pair has a private key instead)"
        )
    if private_key is None:
        raise TypeError(
            f"private_key: key_type={kind!r} signs with your private key: pass "
            "private_key=... (a loaded key, or its PEM text or bytes)"
        )
    return kind


def validate_request(
    method: object,
    path: object,
    body_params: object,
    *,
    timestamp: object,
    api_key: object,
    key_type: object,
    secret: object,
    private_key: object,
    password: object,
) -> str:
    """``sign_request``'s arguments but the parameters, in order; the canonical key type."""
    if method not in METHODS:
        raise ValueError(
            f"method: expected one of {', '.join(METHODS)} (uppercase), got {method!r}"
        )
    if not isinstance(path, str) or not path.startswith("/") or "?" in path:
        raise ValueError(f"path: expected a path such as '/api/v3/order' without '?', got {path!r}")
    if method == "GET" and body_params is not None:
        raise ValueError("body_params: a GET request has no body; pass every parameter in params")
    validate_timestamp(timestamp)
    validate_api_key(api_key)
    return validate_key_arguments(key_type, secret, private_key, password)


def validate_request_params(label: str, params: object) -> list[tuple[str, object]]:
    """``params`` (or ``body_params``, as ``label`` says) as pairs, without the parameters
    ``sign_request`` sets itself; everything else is refused where ``query_string`` refuses it."""
    pairs = validate_pairs(params)
    for name, _ in pairs:
        if isinstance(name, str) and name in RESERVED:
            raise ValueError(
                f"{label}: parameter {name!r} is set by sign_request; {RESERVED[name]}"
            )
    return pairs


def validate_sent_once(
    query_pairs: list[tuple[str, str]], body_pairs: list[tuple[str, str]]
) -> None:
    """No parameter in both the query string and the body."""
    if not (query_pairs and body_pairs):
        return
    clash = {name for name, _ in query_pairs} & {name for name, _ in body_pairs}
    if clash:
        name = sorted(clash)[0]
        raise ValueError(
            f"parameter {name!r} is in both params and body_params; Binance would use the "
            "query string's value and ignore the body's: send it once"
        )


def validate_base_url(base_url: str) -> None:
    """``send``'s base URL: a URL such as ``http://127.0.0.1:8080`` (the ``$BASE_URL`` of
    a ``curl`` line is a placeholder, not a URL)."""
    if "://" not in base_url:
        raise ValueError(
            f"base_url: expected a URL such as 'http://127.0.0.1:8080', got {base_url!r}"
        )
