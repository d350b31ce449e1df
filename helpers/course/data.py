"""``helpers/data/course.toml``, read once: the map, the front door, the 30-minute path,
the glossary and the reading pace. Each entry is a plain ``dict``; ``course()`` checks the
fields every renderer relies on, so a typo fails here, not halfway through a write."""

import tomllib
from functools import cache
from importlib import resources

__all__ = ["CERTAINTY_LABELS", "course", "notebook_files"]

# How a certainty reads next to a verdict (the common vocabulary of helpers/data/mistakes.toml,
# plus "observed": reported by users, not written in the docs).
CERTAINTY_LABELS = {
    "documented": "documented",
    "observed": "observed, not documented",
    "model choice": "the local exchange's choice",
}
_REQUIRED = {
    "notebook": ("file", "does"),
    "front_door": ("answer", "message", "cited", "means", "certainty", "notebook", "heading"),
    "term": ("name", "means"),
}


def _check(data: dict) -> dict:
    for table, fields in _REQUIRED.items():
        for entry in data[table]:
            missing = [field for field in fields if field not in entry]
            if missing:
                raise ValueError(f"course.toml [[{table}]] {entry}: missing {missing}")
    for row in data["front_door"]:
        if row["certainty"] not in CERTAINTY_LABELS:
            raise ValueError(f"course.toml: unknown certainty {row['certainty']!r}")
    for step in data["thirty_minutes"]["step"]:
        step.setdefault("sections", [step["heading"]])
    return data


@cache
def course() -> dict:
    """The parsed course.toml (cached; treat it as read-only)."""
    text = resources.files("helpers").joinpath("data/course.toml").read_text("utf-8")
    return _check(tomllib.loads(text))


def notebook_files() -> list[str]:
    """The map's notebook files, in order."""
    return [row["file"] for row in course()["notebook"]]
