def ccxt_options(recv_window):
    """ccxt.pro's sign_params writes options['recvWindow'] into the parameters before it
    reads yours: set that option to the recvWindow you mean."""
    return {"recvWindow": recv_window}
