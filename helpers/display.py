"""How the kit's value objects show themselves: a two-column table, as text and as HTML.

``SignedRequest``, ``WsRequest`` and the exchange's ``Verdict`` each list their
intermediates as ``(label, value)`` rows; this module turns those rows into the text a
terminal shows and the table a notebook shows, the same way for all of them.
"""

import html

__all__ = ["RowsDisplay"]


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
        cells = "".join(
            f"<tr><th style='text-align:left'>{html.escape(label)}</th>"
            f"<td style='text-align:left'><code>{html.escape(value)}</code></td></tr>"
            for label, value in self._rows()
        )
        return f"<table><caption>{type(self).__name__}</caption>{cells}</table>"
