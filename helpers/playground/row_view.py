"""One row of the playground's parameter table as widgets: name, value, type, place, ↑ ↓ ✕.

A row view only reads and writes its own widgets; what an edit, a move or a removal means
is the ``SignaturePlayground``'s business, passed in as callbacks.
"""

from collections.abc import Callable

import ipywidgets as widgets

from helpers.playground.model import KINDS, PLACES, ParamRow

__all__ = ["RowView", "layout"]


def layout(width: str, **more: str) -> widgets.Layout:
    """A widget layout of ``width`` (CSS), with any other layout settings."""
    return widgets.Layout(width=width, **more)


class RowView:
    """The widgets of one parameter row: name, value, type, place, and ↑ ↓ ✕ buttons.

    ``on_edit()`` runs when a box changes, ``on_move(row_view, ±1)`` when ↑ or ↓ is
    clicked, ``on_remove(row_view)`` when ✕ is.
    """

    def __init__(
        self,
        row: ParamRow,
        *,
        on_edit: Callable[[], None],
        on_move: Callable[["RowView", int], None],
        on_remove: Callable[["RowView"], None],
    ) -> None:
        self.name = widgets.Text(value=row.name, placeholder="name", layout=layout("12em"))
        self.value = widgets.Text(value=row.value, placeholder="value", layout=layout("16em"))
        self.kind = widgets.Dropdown(options=KINDS, value=row.kind, layout=layout("7.5em"))
        self.where = widgets.Dropdown(options=PLACES, value=row.where, layout=layout("6.5em"))
        self.up = widgets.Button(description="↑", tooltip="move up", layout=layout("2.6em"))
        self.down = widgets.Button(description="↓", tooltip="move down", layout=layout("2.6em"))
        self.remove = widgets.Button(description="✕", tooltip="remove", layout=layout("2.6em"))
        self.name.add_class("playground-param-name")
        self.value.add_class("playground-param-value")
        self.kind.add_class("playground-param-kind")
        self.where.add_class("playground-param-where")
        for box in (self.name, self.value, self.kind, self.where):
            box.observe(lambda _change: on_edit(), names="value")
        self.up.on_click(lambda _button: on_move(self, -1))
        self.down.on_click(lambda _button: on_move(self, +1))
        self.remove.on_click(lambda _button: on_remove(self))
        self.widgets = (
            self.name,
            self.value,
            self.kind,
            self.where,
            self.up,
            self.down,
            self.remove,
        )
        self.box = widgets.HBox(list(self.widgets))
        self.box.add_class("playground-row")

    def read(self) -> ParamRow:
        return ParamRow(self.name.value, self.value.value, self.kind.value, self.where.value)

    def close(self) -> None:
        for widget in (*self.widgets, self.box):
            widget.close()
