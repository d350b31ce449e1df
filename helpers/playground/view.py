"""The playground's view: ipywidgets over one ``PlaygroundModel``, and nothing more.

Every text box has ``continuous_update``, so each keystroke writes into the model,
recomputes, and re-renders the outputs (``helpers.playground.render``) into ``HTML``
widgets — never into an ``Output`` widget: text printed there would be stored as a cell
output and break strict nbval. The secret is a ``Password`` box: the box only hides what
is typed on screen. Its value is widget state like any other — in ``get_state()``, synced
to the browser's copy of the widget, and written into the notebook file if widget state
were saved — so notebooks are saved without widget state (``make notebooks``;
``tests/notebooks/test_notebooks.py`` checks every committed notebook). No rendered output
contains the secret.
"""

import threading

import ipywidgets as widgets

from helpers.examples import vector
from helpers.exchange import LocalExchange, Verdict
from helpers.playground import render
from helpers.playground.model import (
    MODES,
    PATHS,
    SERVER_TIME_FIXED,
    TIMESTAMP_MODES,
    WEBSOCKET,
    WS_METHODS,
    ParamRow,
    PlaygroundModel,
)
from helpers.playground.row_view import RowView, layout
from helpers.request import METHODS
from helpers.signing import HMAC, KEY_TYPES

__all__ = ["COMPARE_SENT", "COMPARE_SIGNED", "SignaturePlayground"]

# The compare tab starts on the seed article's mojibake (notebook 04): the docs' payload
# signed with `×tamp` (what "&times" became), sent clean.
COMPARE_SENT = vector("rest-hmac-ascii")["payload"]
COMPARE_SIGNED = COMPARE_SENT.replace("&timestamp", "×tamp")


def _line(label: str, *children: widgets.Widget) -> widgets.HBox:
    """One line of a tab: its label in a fixed-width column, then ``children``."""
    title = widgets.HTML(render.label_html(label), layout=layout("8.5em", flex="0 0 8.5em"))
    return widgets.HBox([title, *children])


class SignaturePlayground:
    """A jwt.io-style playground for Binance request signatures, in a notebook.

    Display it (last line of a cell, or ``.show()``). Every input writes into ``model``
    (a ``PlaygroundModel``) as you type, and every output is re-rendered. The input
    widgets are attributes, so code (and tests) can drive it as a learner would:
    ``pg.row("side").value.value = "SELL"``, ``pg.secret.value = "..."``,
    ``pg.send_button.click()``.

    "Send to the local exchange" starts a ``LocalExchange`` on 127.0.0.1 (once; ``close()``
    stops it). Its clock is ``SERVER_TIME_FIXED`` while the timestamp is fixed, and the
    model's clock when it is "now".
    """

    def __init__(self, model: PlaygroundModel | None = None) -> None:
        self.model = model if model is not None else PlaygroundModel()
        self.state = self.model.compute()
        self._exchange: LocalExchange | None = None
        self._exchange_lock = threading.Lock()
        self._build()
        self._refresh()

    # Building the widgets

    def _build(self) -> None:
        """Make the widgets from the model's values, tag them, connect them, lay them out."""
        self._make_inputs(self.model)
        self._make_outputs()
        self._add_css_classes()
        self._connect()
        self.rows = [self._row_view(row) for row in self.model.rows]
        self.table = widgets.VBox([row.box for row in self.rows])
        self.tabs = widgets.Tab(
            [self._sign_tab(), self._compare_tab()], titles=("Sign a request", "Compare payloads")
        )
        self.widget = widgets.VBox([self.tabs])
        self.widget.add_class("playground")
        self._show_mode()
        self._refresh_compare()

    def _make_inputs(self, m: PlaygroundModel) -> None:
        """The boxes a learner types into and the buttons, each starting at the model's value."""
        self.method = widgets.Dropdown(options=METHODS, value=m.method, layout=layout("7em"))
        self.path = widgets.Combobox(
            value=m.path, options=PATHS, ensure_option=False, layout=layout("16em")
        )
        self.ws_method = widgets.Combobox(
            value=m.ws_method, options=WS_METHODS, ensure_option=False, layout=layout("16em")
        )
        self.mode = widgets.ToggleButtons(
            options=MODES,
            value=m.mode,
            tooltips=[
                "REST: the percent-encoded query string + body, in the order sent",
                "WebSocket API: every param, apiKey included, sorted by name, raw UTF-8",
            ],
            style={"button_width": "9em"},
        )
        self.key_type = widgets.Dropdown(
            options=KEY_TYPES, value=m.key_type, description="key type", layout=layout("14em")
        )
        self.api_key = widgets.Text(value=m.api_key, layout=layout("44em"))
        self.secret = widgets.Password(value=m.secret, layout=layout("44em"))
        self.secret_note = widgets.HTML()
        self.timestamp_mode = widgets.ToggleButtons(
            options=TIMESTAMP_MODES,
            value=m.timestamp_mode,
            tooltips=["a fixed timestamp (reproducible)", "the clock, read at every keystroke"],
            style={"button_width": "5em"},
        )
        self.timestamp = widgets.Text(value=m.timestamp, layout=layout("12em"))
        self.recv_window = widgets.Text(
            value=m.recv_window, placeholder="(not sent)", layout=layout("8em")
        )
        self.add_button = widgets.Button(description="+ add a parameter", layout=layout("12em"))
        self.send_button = widgets.Button(
            description="Send to the local exchange",
            button_style="primary",
            layout=layout("16em"),
        )

    def _make_outputs(self) -> None:
        """The HTML outputs that ``_refresh`` fills in, and the compare tab's boxes."""
        self.error_html = widgets.HTML()
        self.payload_html = widgets.HTML()
        self.legend_html = widgets.HTML()
        self.signature_html = widgets.HTML()
        self.request_html = widgets.HTML()
        self.verdict_html = widgets.HTML()
        self.compare_signed = widgets.Textarea(value=COMPARE_SIGNED, layout=layout("100%"))
        self.compare_sent = widgets.Textarea(value=COMPARE_SENT, layout=layout("100%"))
        self.compare_take = widgets.Button(
            description="Take the playground's payload", layout=layout("18em")
        )
        self.compare_html = widgets.HTML()

    def _add_css_classes(self) -> None:
        """One CSS class per widget: notebook 05's page and the browser test find them by it."""
        for widget, css in (
            (self.method, "playground-method"),
            (self.path, "playground-path"),
            (self.ws_method, "playground-ws-method"),
            (self.mode, "playground-mode"),
            (self.key_type, "playground-key-type"),
            (self.api_key, "playground-api-key"),
            (self.secret, "playground-secret"),
            (self.timestamp_mode, "playground-timestamp-mode"),
            (self.timestamp, "playground-timestamp"),
            (self.recv_window, "playground-recv-window"),
            (self.add_button, "playground-add"),
            (self.send_button, "playground-send"),
            (self.error_html, "playground-error"),
            (self.payload_html, "playground-payload"),
            (self.signature_html, "playground-signature"),
            (self.request_html, "playground-request"),
            (self.verdict_html, "playground-verdict"),
            (self.compare_signed, "playground-compare-signed"),
            (self.compare_sent, "playground-compare-sent"),
            (self.compare_html, "playground-compare"),
        ):
            widget.add_class(css)

    def _connect(self) -> None:
        """Every input writes into the model; the buttons add a row, send, take the payload."""
        for widget in (
            self.method,
            self.path,
            self.ws_method,
            self.mode,
            self.key_type,
            self.api_key,
            self.secret,
            self.timestamp_mode,
            self.timestamp,
            self.recv_window,
        ):
            widget.observe(self._inputs_edited, names="value")
        self.add_button.on_click(lambda _button: self._add())
        self.send_button.on_click(lambda _button: self.send())
        for widget in (self.compare_signed, self.compare_sent):
            widget.observe(lambda _change: self._refresh_compare(), names="value")
        self.compare_take.on_click(lambda _button: self._take_payload())

    def _sign_tab(self) -> widgets.VBox:
        """The first tab: one labelled line per stage, from the inputs to the verdict."""
        header = widgets.HTML(render.PARAMS_HEADER_HTML)
        return widgets.VBox(
            [
                _line("mode", self.mode, widgets.HTML("&nbsp;"), self.key_type),
                _line("request", self.method, self.path, self.ws_method),
                _line("parameters", widgets.VBox([header, self.table, self.add_button])),
                _line(
                    "timestamp",
                    self.timestamp_mode,
                    self.timestamp,
                    widgets.HTML(f"&nbsp;{render.label_html('recvWindow')}&nbsp;"),
                    self.recv_window,
                ),
                _line("API key", self.api_key),
                _line("secret key", widgets.VBox([self.secret, self.secret_note])),
                self.error_html,
                _line("payload", widgets.VBox([self.payload_html, self.legend_html])),
                _line("signature", self.signature_html),
                _line("on the wire", self.request_html),
                _line("exchange", widgets.VBox([self.send_button, self.verdict_html])),
            ]
        )

    def _compare_tab(self) -> widgets.VBox:
        """The second tab: what was signed against what was sent, byte for byte."""
        return widgets.VBox(
            [
                widgets.HTML(render.COMPARE_INTRO_HTML),
                self.compare_take,
                _line("what I signed", self.compare_signed),
                _line("what I sent", self.compare_sent),
                self.compare_html,
            ]
        )

    # Reacting to edits

    def _inputs_edited(self, change: dict) -> None:
        m = self.model
        if change["owner"] is self.key_type:
            m.use_key_type(self.key_type.value)
            if self.api_key.value != m.api_key:
                self.api_key.value = m.api_key  # re-enters here once, with the same key type
                return
        m.method, m.path, m.ws_method = self.method.value, self.path.value, self.ws_method.value
        m.mode, m.key_type = self.mode.value, self.key_type.value
        m.api_key, m.secret = self.api_key.value, self.secret.value
        m.timestamp_mode = self.timestamp_mode.value
        m.timestamp, m.recv_window = self.timestamp.value, self.recv_window.value
        self._show_mode()
        self._refresh()
        if change["owner"] in (self.secret, self.key_type, self.api_key):
            self._refresh_compare()  # the compared payloads are signed with the same key

    def _show_mode(self) -> None:
        """Show the inputs that matter in this mode and for this key type, disable the rest."""
        m = self.model
        websocket = m.mode == WEBSOCKET
        for widget, shown in ((self.method, not websocket), (self.path, not websocket),
                              (self.ws_method, websocket)):  # fmt: skip
            widget.layout.display = None if shown else "none"
        for row in self.rows:
            row.where.disabled = websocket  # one JSON object: no query string, no body
        self.timestamp.disabled = m.timestamp_mode == "now"
        self.secret.disabled = m.key_type != HMAC
        self.secret_note.value = (
            ""
            if m.key_type == HMAC
            else render.pending_html(
                f"not used: an {m.key_type} private key made in this kernel signs"
            )
        )

    def _row_view(self, row: ParamRow) -> RowView:
        return RowView(row, on_edit=self._rows_edited, on_move=self._move, on_remove=self._remove)

    def _rows_edited(self) -> None:
        self.model.rows = [row.read() for row in self.rows]
        self._refresh()

    def _add(self) -> None:
        self.model.add_row()
        self.rows.append(self._row_view(self.model.rows[-1]))
        self.table.children = [row.box for row in self.rows]
        self._show_mode()
        self._refresh()

    def _move(self, row: RowView, delta: int) -> None:
        index = self.rows.index(row)
        target = self.model.move_row(index, delta)
        self.rows.insert(target, self.rows.pop(index))
        self.table.children = [r.box for r in self.rows]
        self._refresh()

    def _remove(self, row: RowView) -> None:
        index = self.rows.index(row)
        self.model.remove_row(index)
        self.rows.pop(index)
        self.table.children = [r.box for r in self.rows]
        row.close()
        self._refresh()

    def _refresh(self) -> None:
        """Recompute and re-render every output: runs on every keystroke."""
        state = self.state = self.model.compute()
        self.error_html.value = render.error_html(state)
        if state.payload is None:
            self.payload_html.value = render.pending_html("— (no payload: see the refusal above)")
            self.legend_html.value = ""
        else:
            self.payload_html.value = render.payload_html(state.query, state.body)  # WS: body ""
            self.legend_html.value = render.legend_html(state)
        self.signature_html.value = render.signature_html(state)
        self.request_html.value = render.request_html(state)
        self.send_button.disabled = state.signed is None
        self.verdict_html.value = render.pending_html(
            "Press Send: the exchange judges the request above."
        )

    def _refresh_compare(self) -> None:
        result = self.model.compare(self.compare_signed.value, self.compare_sent.value)
        self.compare_html.value = render.comparison_html(result)

    def _take_payload(self) -> None:
        if self.state.payload is not None:
            self.compare_signed.value = self.state.payload
            self.compare_sent.value = self.state.payload

    # Driving it from code

    def row(self, name: str) -> RowView:
        """The widgets of the first row called ``name`` (``.name``, ``.value``, ...)."""
        for row in self.rows:
            if row.name.value == name:
                return row
        raise KeyError(f"no row named {name!r}; rows: {[r.name.value for r in self.rows]}")

    def _server_clock(self) -> int:
        if self.model.timestamp_mode == "fixed":
            return SERVER_TIME_FIXED
        return self.model.clock()

    @property
    def exchange(self) -> LocalExchange:
        """The local exchange the Send button talks to, started on first use."""
        with self._exchange_lock:
            if self._exchange is None:
                keys = self.model.exchange_keys()
                self._exchange = LocalExchange(keys=keys, clock=self._server_clock).start()
            return self._exchange

    def send(self) -> Verdict | None:
        """Send the current request to the local exchange; show and return its verdict."""
        try:
            exchange = self.exchange
            state, reply = self.model.send(exchange)
        except (OSError, ValueError) as exc:  # requests' errors are OSErrors; a URL that
            # http.client cannot encode is a UnicodeEncodeError, a ValueError
            self.verdict_html.value = render.not_sent_html(str(exc))
            return None
        self.state = state
        if reply is None:
            self.verdict_html.value = render.not_sent_html("a stage refused (above).")
            return None
        verdict = exchange.last_verdict
        self.verdict_html.value = render.verdict_html(state, reply, verdict)
        return verdict

    def close(self) -> None:
        """Stop the local exchange, if it was started, and close every widget."""
        with self._exchange_lock:
            if self._exchange is not None:
                self._exchange.stop()
                self._exchange = None
        for row in self.rows:
            row.close()

        def close_tree(widget: widgets.Widget) -> None:
            for child in getattr(widget, "children", ()):
                close_tree(child)
            widget.close()

        close_tree(self.widget)

    # Display

    def __repr__(self) -> str:
        return render.summary_text(self.state)

    def _repr_mimebundle_(self, **kwargs: object) -> dict:
        # The widget view, and a plain-text summary instead of the widgets' repr: stable
        # for nbval, readable where widgets do not render, and never a typed value.
        bundle = self.widget._repr_mimebundle_(**kwargs)
        bundle["text/plain"] = render.summary_text(self.state)
        return bundle

    def show(self) -> None:
        from IPython.display import display

        display(self)
