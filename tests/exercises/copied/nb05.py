"""Notebook 05: the answer a learner could copy from the cells above its exercise."""

COPIED = {
    # Step 6's compare cell prints "first difference at byte 86".
    "solutions/05-first-differing-byte.py": """
def first_differing_byte(signed, sent):
    return 86
""",
}
