"""How the kit's value objects show themselves: a two-column table, as text and as HTML.

``SignedRequest``, ``WsRequest`` and the exchange's ``Verdict`` each list their
intermediates as ``(label, value)`` rows; this module turns those rows into the text a
terminal shows and the table a notebook shows, the same way for all of them.
"""

import html

__all__ = ["WRAP_CSS", "RowsDisplay", "inline_code_html", "rows_html"]

# Payloads, signatures and URLs have no spaces: a table cell holding one breaks it
# anywhere, so no output is wider than the notebook (the table shrinks to fit).
WRAP_CSS = "overflow-wrap:anywhere;word-break:break-all"


class RowsDisplay:
    """Mixin: define ``_rows() -> list[tuple[str, str]]``; get ``__repr__`` and HTML."""

    def _rows(self) -> list[tuple[str, str]]:
        raise NotImplementedError

    def __repr__(self) -> str:
        rows = self._rows()
        width = max(len(label) for label, _ in rows)
        lines = [f"  {label:<{width}}  {value}" for label, value in rows]
        return f"{type(self).__name__}(\n" + "\n".join(lines) + "\n)"

    def _repr_html_(self) -> str:
        return rows_html(self._rows(), caption=type(self).__name__)


def _style(css: str) -> str:
    return f" style='{css}'" if css else ""


def rows_html(
    rows: list[tuple[str, str]],
    *,
    caption: str = "",
    table_style: str = "",
    label_style: str = "text-align:left",
    code_style: str = "",
) -> str:
    """``(label, value)`` rows as an HTML table: the label in a ``<th>``, the value in a
    ``<code>``, both escaped. The styles let a view (the playground) restyle the same table.
    """
    cells = "".join(
        f"<tr><th{_style(label_style)}>{html.escape(label)}</th>"
        f"<td style='text-align:left;{WRAP_CSS}'>"
        f"<code{_style(code_style)}>{html.escape(value)}</code></td></tr>"
        for label, value in rows
    )
    head = f"<caption>{html.escape(caption)}</caption>" if caption else ""
    return f"<table{_style(table_style)}>{head}{cells}</table>"


def inline_code_html(text: str) -> str:
    """Text with Markdown-ish `code` spans as HTML: backtick spans become ``<code>``,
    everything else is escaped. The one helper every HTML rendering uses for them."""
    parts = html.escape(text).split("`")
    return "".join(f"<code>{p}</code>" if i % 2 else p for i, p in enumerate(parts))
