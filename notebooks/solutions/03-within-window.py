def within_window(timestamp, server_time, recv_window):
    """REST API, "Timing security": timestamp < serverTime + 1000 and serverTime - timestamp
    <= recvWindow. 16 digits or more are microseconds (the local exchange's choice)."""
    stamp_us = timestamp if timestamp >= 10**15 else timestamp * 1000
    server_us, window_us = server_time * 1000, recv_window * 1000
    return stamp_us < server_us + 1000 * 1000 and server_us - stamp_us <= window_us
