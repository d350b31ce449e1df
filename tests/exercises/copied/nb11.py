"""Notebook 11: the answers a learner could copy from the cells above each exercise."""

COPIED = {
    # 11.1: the report's fix for ESCAPED_NEWLINES alone (quotes and whitespace stay).
    "solutions/11-repair.py": """
def repair(text):
    return text.replace("\\\\n", "\\n")
""",
    # 11.2: the -2015 checklist's order (environment, permission, IP).
    "solutions/11-cause-of-minus-2015.py": """
def cause_of_minus_2015(request):
    if request["key_made_on"] != request["sent_to"]:
        return "environment"
    if request["needs"] not in request["permissions"]:
        return "permission"
    if request["allowed_ips"] and request["client_ip"] not in request["allowed_ips"]:
        return "ip"
    return "accepted"
""",
}
