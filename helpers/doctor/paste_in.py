"""The paste-in doctor: a ``curl`` line or a URL (+ body), the secret in a password box,
an optional server time → ``diagnose``'s diagnosis, rendered as notebook 08 shows it.

Usable on its own (``PasteInDoctor()`` in any notebook cell). The request is only read,
and the signature re-computed, by the notebook's kernel — and the password box's value
goes where that kernel runs (``WHERE_THE_SECRET_GOES``): on the desktop, to the kernel on
your machine; on Binder, to the kernel on Binder's remote host; in the browser edition it
stays in the page (Python running in your browser). Nothing is sent to Binance. The secret
is read from the box at each press of "Diagnose", used only inside ``diagnose`` and never
shown or printed; the kit's notebooks are stored without widget state, and its JupyterLab
settings turn widget-state saving off (``.jupyter/lab-settings/overrides.json``), so no
typed value is saved. JupyterLite keeps edited notebooks in the browser's storage: the
note beside the box says so, and to type a real secret only into the box, never into a
code cell.
"""

import html

import ipywidgets as widgets

from helpers.doctor.diagnose import diagnose
from helpers.doctor.diagnosis import Diagnosis

# Where the password box's value goes, in each edition of the kit.
WHERE_THE_SECRET_GOES = {
    "desktop": "to the notebook's kernel, on your machine",
    "Binder": "to the notebook's kernel, on Binder's remote host",
    "browser edition": "nowhere: it stays in this page (Python running in your browser)",
}
NOTE = (
    "Nothing is sent to Binance: the doctor reads the request and re-signs it in this "
    "notebook's kernel. The password box's value goes "
    + "; ".join(f"{edition}: {where}" for edition, where in WHERE_THE_SECRET_GOES.items())
    + ". Type a secret only into the password box, <b>never into a code cell</b>: "
    "JupyterLite keeps edited notebooks in your browser's storage, and a desktop notebook "
    "is a file on disk."
)
PLACEHOLDER = (
    "curl -H 'X-MBX-APIKEY: …' -X POST 'https://api.binance.com/api/v3/order?…' -d '…'"
    "   — or only the URL (then the body below)"
)


def server_time_ms(text: str) -> int | None:
    """The server-time box as integer milliseconds; empty means "not given"."""
    text = text.strip()
    if not text:
        return None
    if not text.isascii() or not text.isdigit():
        raise ValueError(f"server time: expected milliseconds such as 1499827320000, got {text!r}")
    return int(text)


class PasteInDoctor:
    """The form and its diagnosis; ``run()`` diagnoses what the boxes hold."""

    def __init__(self) -> None:
        wide = widgets.Layout(width="100%")
        self.request = widgets.Textarea(placeholder=PLACEHOLDER, rows=4, layout=wide)
        self.body = widgets.Text(placeholder="body, if the URL above had one", layout=wide)
        self.secret = widgets.Password(placeholder="secret key (stays in this page)")
        self.server_time = widgets.Text(placeholder="server time, ms (optional)")
        self.button = widgets.Button(description="Diagnose", button_style="primary")
        self.result = widgets.HTML()
        for widget, name in (
            (self.request, "request"), (self.body, "body"), (self.secret, "secret"),
            (self.server_time, "server-time"), (self.button, "diagnose"),
            (self.result, "result"),
        ):  # fmt: skip
            widget.add_class(f"paste-doctor-{name}")
        self.button.on_click(lambda _button: self.run())
        self.widget = widgets.VBox(
            [
                widgets.HTML(f"<small>{NOTE}</small>"),
                self.request,
                self.body,
                widgets.HBox([self.secret, self.server_time, self.button]),
                self.result,
            ]
        )
        self.widget.add_class("paste-doctor")

    def run(self) -> Diagnosis | None:
        """Diagnose the pasted request with the typed secret; show and return the result."""
        try:
            server_time = server_time_ms(self.server_time.value)
            diagnosis = diagnose(
                self.request.value.strip(),
                secret=self.secret.value or None,
                body=self.body.value or None,
                server_time=server_time,
            )
        except (TypeError, ValueError) as exc:  # the messages name the box, never the secret
            self.result.value = f"<p><b>Not diagnosed:</b> {html.escape(str(exc))}</p>"
            return None
        self.result.value = diagnosis._repr_html_()
        return diagnosis

    def _repr_mimebundle_(self, **kwargs: object) -> dict:
        # The widget, and a plain-text line instead of the widgets' repr (stable for nbval).
        bundle = self.widget._repr_mimebundle_(**kwargs)
        bundle["text/plain"] = "PasteInDoctor: a live form (run this cell in JupyterLab)"
        return bundle
