"""Every client, the same request, side by side: one column per client, one row per fact.

``compare_clients`` (REST) and ``compare_ws`` (WebSocket API) show what each client signed,
what it sent and the verdict; ``value_table`` shows, for one parameter and several values,
the text each client puts on the wire. Each returns a ``ClientTable``, shown as text blocks
(``repr``) and as an HTML table in a notebook.
"""

import html
import urllib.parse
from collections.abc import Mapping

from helpers.clients.captures import Capture
from helpers.clients.libraries import CCXT, CLIENTS, versions
from helpers.clients.orders import (
    BASE_ORDER,
    DOCS_WS_ORDER,
    DOCS_WS_SIGNATURE,
    DOCS_WS_TIMESTAMP,
    ORDER_TEST_PATH,
)
from helpers.clients.rest import rest_request
from helpers.clients.websocket import library_ws_request
from helpers.examples import EXAMPLE_TIMESTAMP

__all__ = [
    "ClientTable",
    "client_columns",
    "compare_clients",
    "compare_ws",
    "value_cell",
    "value_table",
    "verdict_text",
    "yes_no",
]


class ClientTable:
    """Rows × one column per client, shown as text blocks (``repr``) and as an HTML table."""

    def __init__(self, title: str, columns: tuple[str, ...], rows: list[tuple[str, list[str]]]):
        self.title, self.columns, self.rows = title, columns, rows

    def cell(self, row: str, column: str) -> str:
        for label, values in self.rows:
            if label == row:
                return values[self.columns.index(column)]
        raise KeyError(row)

    def __repr__(self) -> str:
        width = max(len(label) for label, _ in self.rows)
        lines = [self.title]
        for index, column in enumerate(self.columns):
            lines.append(f"\n{column}")
            lines += [f"  {label:<{width}}  {values[index]}" for label, values in self.rows]
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        head = "".join(f"<th style='text-align:left'>{html.escape(c)}</th>" for c in self.columns)
        body = "".join(
            f"<tr><th style='text-align:left'>{html.escape(label)}</th>"
            + "".join(
                f"<td style='text-align:left'><code style='word-break:break-all'>"
                f"{html.escape(value)}</code></td>"
                for value in values
            )
            + "</tr>"
            for label, values in self.rows
        )
        return (
            f"<table><caption>{html.escape(self.title)}</caption>"
            f"<tr><th></th>{head}</tr>{body}</table>"
        )


def client_columns() -> tuple[str, ...]:
    """One column heading per client: its name and installed version."""
    return tuple(f"{client} {version}" for client, version in versions().items())


def yes_no(flag: bool) -> str:
    return "yes" if flag else "NO"


def verdict_text(verdict: object) -> str:
    """A ``Verdict`` in a cell: ``200 accepted``, ``400 -1022 Signature for...``."""
    if verdict is None:
        return "(not sent)"
    if verdict.accepted:
        return f"{verdict.status} accepted"
    return f"{verdict.status} {verdict.code} {verdict.msg}"


def value_cell(capture: Capture, name: str) -> str:
    """The wire text of ``name`` (``left out`` if absent), its decoded text when that differs,
    what was signed when that differs from what was sent, and the verdict's code."""
    sent, signed = capture.sent_value(name), capture.signed_value(name)
    if sent is None:
        text = "left out"
    else:
        text = sent
        decoded = urllib.parse.unquote_plus(sent)
        if decoded != sent:
            text += f" (= {decoded})"
        if signed != sent:
            text += f"; signed {signed}"
    if capture.verdict is not None:
        text += " → " + ("accepted" if capture.verdict.accepted else str(capture.verdict.code))
    return text


def compare_clients(
    params: object,
    exchange: object = None,
    *,
    path: str = ORDER_TEST_PATH,
    method: str = "POST",
    timestamp: int = EXAMPLE_TIMESTAMP,
    title: str = "",
) -> ClientTable:
    """Every client, the same ``params``: what it signed, what it sent, and the verdict."""
    captures = [
        rest_request(c, params, path=path, method=method, timestamp=timestamp, exchange=exchange)
        for c in CLIENTS
    ]
    rows = [
        ("signed", [c.signed for c in captures]),
        ("request line", [f"{c.method} {c.target}" for c in captures]),
        ("body", [c.body or "(none)" for c in captures]),
        ("Content-Type", [c.headers.get("Content-Type", "(none)") for c in captures]),
        ("signed = sent?", [yes_no(c.signs_what_it_sends) for c in captures]),
        ("verdict", [verdict_text(c.verdict) for c in captures]),
    ]
    return ClientTable(title or "The same parameters, three clients", client_columns(), rows)


def compare_ws(
    params: object = DOCS_WS_ORDER,
    exchange: object = None,
    *,
    timestamp: int = DOCS_WS_TIMESTAMP,
    ccxt_options: Mapping[str, object] | None = None,
    expected_signature: str | None = DOCS_WS_SIGNATURE,
    title: str = "",
) -> ClientTable:
    """Every client signs the same WebSocket API request: payload, signature, verdict."""
    captures = [
        library_ws_request(
            c,
            params,
            timestamp=timestamp,
            exchange=exchange,
            options=ccxt_options if c == CCXT else None,
        )
        for c in CLIENTS
    ]
    rows = [
        ("signed", [c.signed for c in captures]),
        ("signature", [c.signature for c in captures]),
    ]
    if expected_signature is not None:
        rows.append(
            (
                f"= docs' {expected_signature[:8]}…?",
                [yes_no(c.signature == expected_signature) for c in captures],
            )
        )
    rows += [
        ("recvWindow sent", [str(c.params.get("recvWindow", "(none)")) for c in captures]),
        ("signed = docs' rule?", [yes_no(c.signs_docs_payload) for c in captures]),
        ("verdict", [verdict_text(c.verdict) for c in captures]),
    ]
    title = title or "The same WebSocket API request, three clients"
    return ClientTable(title, client_columns(), rows)


def value_table(
    name: str,
    values: list[object],
    exchange: object = None,
    *,
    base: object = BASE_ORDER,
    timestamp: int = EXAMPLE_TIMESTAMP,
) -> ClientTable:
    """For each value of parameter ``name`` (added to ``base``, or replacing it there): the
    text each client sends for it (percent-encoded, as on the wire), what it signed when
    that differs, and the verdict."""
    rows = []
    for value in values:
        params = {**dict(base), name: value}
        cells = [
            value_cell(rest_request(c, params, timestamp=timestamp, exchange=exchange), name)
            for c in CLIENTS
        ]
        rows.append((f"{name}={value!r}", cells))
    return ClientTable(f"How {name} travels", client_columns(), rows)
