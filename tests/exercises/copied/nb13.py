"""Notebook 13: the answers a learner could copy from the cells above each exercise."""

COPIED = {
    # 13.1: the docs' RawData (96), printed above, whatever the header values.
    "solutions/13-fix-raw-data.py": """
def fix_raw_data(private_key, sender_comp_id, target_comp_id, msg_seq_num, sending_time):
    return ("4MHXelVVcpkdwuLbl6n73HQUXUf1dse2PCgT1DYqW9w8AVZ1RACFGM+5UdlGPrQH"
            "rgtS3CvsRURC1oj73j8gCA==")
""",
}
