import base64


def fix_raw_data(private_key, sender_comp_id, target_comp_id, msg_seq_num, sending_time):
    """RawData (96) of a FIX Logon: Ed25519 over MsgType, SenderCompID, TargetCompID,
    MsgSeqNum and SendingTime joined by SOH (chr(1)), in base64."""
    values = ["A", sender_comp_id, target_comp_id, str(msg_seq_num), sending_time]
    signature = private_key.sign(chr(1).join(values).encode("ascii"))
    return base64.b64encode(signature).decode("ascii")
