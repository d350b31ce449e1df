"""Notebook 08: per solution file, the answer a learner could copy from the cells above."""

COPIED = {
    # the forum's order, repaired once by hand: it ignores its arguments
    "solutions/08-forum-signer.py": """
import hashlib
import hmac


def forum_signer(params, now, secret):
    query = ("symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTC&quantity=0.01&price=30000"
             "&timestamp=1499827319559")
    signature = hmac.new(secret.encode(), query.encode(), hashlib.sha256).hexdigest()
    return query + "&signature=" + signature
""",
    # the first mystery request's URL, copied from the cell that prints it
    "solutions/08-my-hypothesis.py": """
def my_hypothesis(path, payload):
    return "/api/v3/openOrders?symbol=LTCBTC&timestamp=1499827319559"
""",
}
