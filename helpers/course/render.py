"""The markdown of each generated block, from course.toml and the notebooks themselves.

``prefix`` is where the notebooks are, seen from the page the block goes in: ``""`` in a
notebook, ``"notebooks/"`` in README.md. Every link to a heading is checked to be one a
reader can follow (``helpers.course.anchors.linkable``) before it is written.
"""

from pathlib import Path

from helpers.course.anchors import heading_id, linkable
from helpers.course.data import CERTAINTY_LABELS, course
from helpers.course.sections import effort, load, section, segments
from helpers.course.timing import minutes, pace, rounded
from helpers.exchange import messages

__all__ = ["front_door", "glossary", "map_table", "message", "thirty_minutes", "time_line"]


def message(name: str) -> str:
    """The docs' message a front-door row names: a constant of helpers.exchange.messages, or
    ``mandatory:<param>`` for -1102's message about that parameter; ``""`` for none."""
    if not name:
        return ""
    if name.startswith("mandatory:"):
        return messages.mandatory(name.split(":", 1)[1])
    return getattr(messages, name)


def link(prefix: str, notebook: str, heading: str, text: str) -> str:
    anchor = heading_id(heading)
    if not linkable(anchor):
        raise ValueError(f"{notebook}: heading {heading!r} makes an id no link can reach")
    return f"[{text}]({prefix}{notebook}#{anchor})"


def _short(notebook: str) -> str:
    return notebook.split("-", 1)[0]


def front_door(prefix: str) -> str:
    rows = ["| Binance answered | what it means | where to go |", "|---|---|---|"]
    for row in course()["front_door"]:
        said = message(row["message"])
        answer = f'{row["answer"]} "{said}"' if said else row["answer"]
        label = CERTAINTY_LABELS[row["certainty"]]
        where = link(prefix, row["notebook"], row["heading"],
                     f"{_short(row['notebook'])} · {row['heading'].replace('`', '')}")  # fmt: skip
        rows.append(f"| {answer} | {row['means']} (*{label}*) | {where} |")
    rows.append("")
    rows.append("The messages in the first column are Binance's `errors.md`, word for word, "
                "under each code's heading.")  # fmt: skip
    return "\n".join(rows)


def _step_minutes(notebooks: Path, step: dict) -> float:
    nb = load(notebooks / step["notebook"])
    return sum(minutes(effort(section(nb, heading))) for heading in step["sections"])


def path_minutes(notebooks: Path) -> int:
    """The 30-minute path's time, rounded like a notebook's."""
    steps = course()["thirty_minutes"]["step"]
    return rounded(sum(_step_minutes(notebooks, step) for step in steps))


def thirty_minutes(prefix: str, notebooks: Path) -> str:
    path = course()["thirty_minutes"]
    lines = []
    for number, step in enumerate(path["step"], 1):
        title = f"{_short(step['notebook'])} · {step['heading'].replace('`', '')}"
        where = link(prefix, step["notebook"], step["heading"], title)
        spent = max(1, round(_step_minutes(notebooks, step)))
        lines.append(f"{number}. {where}: {step['do']} (~{spent} min).")
    lines.append("")
    lines.append(f"About {path_minutes(notebooks)} minutes. At the end you can {path['end']}.")
    return "\n".join(lines)


def notebook_minutes(path: Path) -> tuple[int, object]:
    work = effort(segments(load(path)))
    return rounded(minutes(work)), work


def map_table(prefix: str, notebooks: Path) -> str:
    rows = ["| notebook | what you do | time |", "|---|---|---|"]
    total = 0
    for row in course()["notebook"]:
        spent, _ = notebook_minutes(notebooks / row["file"])
        total += spent
        name = row["file"].removesuffix(".ipynb")
        rows.append(f"| [{name}]({prefix}{row['file']}) | {row['does']} | {spent} min |")
    p = pace()
    rows.append("")
    rows.append(f"About {total // 60} h {total % 60:02d} min in all. Times are generated: prose "
                f"at {p['words_per_minute']} words/min, {p['minutes_per_code_cell']} min per "
                f"code cell, {p['minutes_per_exercise']} min per exercise, rounded to "
                f"{p['round_to']} min.")  # fmt: skip
    return "\n".join(rows)


def time_line(path: Path) -> str:
    spent, work = notebook_minutes(path)
    p = pace()
    parts = [f"{work.words:,} words at {p['words_per_minute']} words/min",
             f"{work.code_cells} code cells"]  # fmt: skip
    if work.exercises:
        parts.append(f"{work.exercises} exercise{'s' if work.exercises > 1 else ''}")
    return f"**Time:** about {spent} minutes — {', '.join(parts)}."


def glossary() -> str:
    return "\n".join(f"- **{term['name']}**: {term['means']}." for term in course()["term"])
