def cause_of_minus_2015(request: dict) -> str:
    """The first check the local exchange refuses with -2015: the key's environment, then
    the address the request came from, then the permission; "accepted" if none."""
    if request["key_made_on"] != request["sent_to"]:
        return "environment"
    if request["allowed_ips"] and request["client_ip"] not in request["allowed_ips"]:
        return "ip"
    if request["needs"] not in request["permissions"]:
        return "permission"
    return "accepted"
