"""helpers.exercises.debug: notebook 08's broken requests are broken as the notebook says —
the signature doctor names the forum request's two faults, and no known mistake explains
the mystery requests."""

from helpers.doctor import diagnose
from helpers.examples import EXAMPLE_API_KEY, EXAMPLE_SECRET_KEY
from helpers.exercises.debug import forum_curl, mystery_requests

SERVER_TIME = 1499827320000  # notebook 08's server clock: 441 ms after the docs' timestamp


def test_the_forum_request_is_broken_two_ways():
    d = diagnose(forum_curl(), secret=EXAMPLE_SECRET_KEY, server_time=SERVER_TIME)
    assert set(d.codes) == {"TIMESTAMP_IN_SECONDS", "WS_SORTED_PAYLOAD_ON_REST"}


def test_the_mysteries_are_unexplained_by_the_doctor():
    for url in mystery_requests():
        d = diagnose(url, headers={"X-MBX-APIKEY": EXAMPLE_API_KEY}, secret=EXAMPLE_SECRET_KEY)
        assert d.codes == ("UNKNOWN_MISMATCH",)
