"""The sections of Binance's docs the mistakes cite, each written once.

Files and headings of binance-spot-api-docs as of commit a5e0bc3, outermost heading first
(``rest-api.md`` → "Request Security" → "SIGNED Endpoint security").
"""

from helpers.mistakes.mistake import Source

REQUEST_SECURITY = ("rest-api.md", "Request Security")
SIGNED_EXAMPLES = (*REQUEST_SECURITY, "SIGNED Endpoint Examples for POST /api/v3/order")
SIGNED_SECURITY = (*REQUEST_SECURITY, "SIGNED Endpoint security")
REQUEST_ISSUES = ("errors.md", "11xx - Request issues")

SIGNED_ENDPOINT_SECURITY = Source(*SIGNED_SECURITY)
CASE_SENSITIVITY = Source(*SIGNED_SECURITY, "Signature Case Sensitivity")
TIMING_SECURITY = Source(*REQUEST_SECURITY, "Timing security")
HMAC_KEYS = Source(*SIGNED_EXAMPLES, "HMAC Keys")
ED25519_KEYS = Source(*SIGNED_EXAMPLES, "Ed25519 Keys")
ENDPOINTS = Source("rest-api.md", "General Information on Endpoints")
EXCHANGE_INFORMATION = Source("rest-api.md", "Public API Endpoints", "General endpoints",
                              "Exchange information")  # fmt: skip
TEST_NEW_ORDER = Source("rest-api.md", "Public API Endpoints", "Trading endpoints",
                        "Test new order (TRADE)")  # fmt: skip
WS_HMAC_EXAMPLE = Source("web-socket-api.md", "Request security", "SIGNED request example (HMAC)")
KEY_TYPES = Source("faqs/api_key_types.md", "API Key Types")
ILLEGAL_CHARS = Source(*REQUEST_ISSUES, "-1100 ILLEGAL_CHARS")
TOO_MANY_PARAMETERS = Source(*REQUEST_ISSUES, "-1101 TOO_MANY_PARAMETERS")
PARAM_EMPTY = Source(*REQUEST_ISSUES, "-1105 PARAM_EMPTY")
INVALID_SIGNATURE = Source("errors.md", "10xx - General Server or Network issues",
                           "-1022 INVALID_SIGNATURE")  # fmt: skip
BAD_API_KEY_FMT = Source(*REQUEST_ISSUES, "-2014 BAD_API_KEY_FMT")
