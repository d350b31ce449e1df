"""Notebook 07: the answers a learner could copy from the cells above each exercise."""

COPIED = {
    # 7.1: the REST habit of the cell "And the REST habit...": pairs in the order given.
    "solutions/07-ws-payload.py": """
def ws_payload(params):
    return "&".join(f"{k}={v}" for k, v in params.items())
""",
    # 7.2: the worked session.logon's request, whatever the key, API key and timestamp.
    "solutions/07-logon-request.py": """
import json


def logon_request(private_key, api_key, timestamp):
    params = {"apiKey": "KitFakeEd25519ApiKey", "timestamp": 1645423376532,
              "signature": "the worked example's"}
    return json.dumps({"id": "kit-logon", "method": "session.logon", "params": params})
""",
    # 7.3: the docs' RawData (96), printed above, whatever the header values.
    "solutions/07-fix-raw-data.py": """
def fix_raw_data(private_key, sender_comp_id, target_comp_id, msg_seq_num, sending_time):
    return ("4MHXelVVcpkdwuLbl6n73HQUXUf1dse2PCgT1DYqW9w8AVZ1RACFGM+5UdlGPrQH"
            "rgtS3CvsRURC1oj73j8gCA==")
""",
}
