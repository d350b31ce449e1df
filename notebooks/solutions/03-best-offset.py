def best_offset(samples):
    """The clock offset (ms to add to your clock) from the sample (sent_at, server_time,
    received_at) with the shortest round trip: serverTime minus the round trip's midpoint."""
    sent_at, server_time, received_at = min(samples, key=lambda s: s[2] - s[0])
    return server_time - (sent_at + received_at) // 2
