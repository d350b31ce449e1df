"""The playground's outputs as HTML strings: pure functions, a state in, markup out.

``summary_text`` is the one plain-text output: what the playground shows where widgets do
not render (its ``repr``, and the ``text/plain`` nbval compares).

``helpers.playground.view`` puts these strings into ``HTML`` widgets on every keystroke;
tests read their text. Only styling is added to what the model computed: the text of
``payload_html`` is exactly the payload, the text of ``signature_html`` the signature.
"""

import html
import json
import re

from helpers.display import inline_code_html, rows_html
from helpers.exchange import Verdict
from helpers.playground.keys import API_KEYS
from helpers.playground.model import WEBSOCKET
from helpers.playground.state import PayloadComparison, PlaygroundState
from helpers.request import Reply
from helpers.websocket import WsRequest
from helpers.wire import API_KEY_HEADER

__all__ = [
    "CODE_STYLE",
    "COLOURS",
    "COMPARE_INTRO_HTML",
    "PARAMS_HEADER_HTML",
    "box_html",
    "comparison_html",
    "error_html",
    "label_html",
    "legend_html",
    "not_sent_html",
    "payload_html",
    "pending_html",
    "request_html",
    "signature_html",
    "summary_text",
    "verdict_html",
]

COLOURS = {
    "name": "#0b57d0",
    "value": "#137333",
    "separator": "#80868b",
    "escape_bg": "#fde293",
    "escape": "#7a4a00",
    "raw_bg": "#f6c3c0",
    "query_line": "#8ab4f8",
    "body_line": "#f7a35c",
    "error_bg": "#fce8e6",
    "error": "#a50e0e",
    "ok_bg": "#e6f4ea",
    "ok": "#0d652d",
    "muted": "#5f6368",
}
# A run of %XX escapes, or a run of raw characters a URL could not carry as they are
# (non-ASCII, spaces, control characters: only the WebSocket API's payload has them).
_ESCAPE_OR_RAW = re.compile(r"(%[0-9A-Fa-f]{2})+|[^\x21-\x7e]+")
CODE_STYLE = (
    "font-family:var(--jp-code-font-family, monospace);font-size:13px;"
    "white-space:pre-wrap;word-break:break-all;line-height:1.7"
)


def _span(text: str, style: str) -> str:
    return f"<span style='{style}'>{html.escape(text)}</span>"


def _text_html(text: str, colour: str) -> str:
    """A name or value: ``%XX`` runs highlighted, raw characters marked, the rest coloured."""
    escape = f"background:{COLOURS['escape_bg']};color:{COLOURS['escape']};border-radius:2px"
    raw = f"background:{COLOURS['raw_bg']};color:{colour}"
    out, last = [], 0
    for match in _ESCAPE_OR_RAW.finditer(text):
        if match.start() > last:
            out.append(_span(text[last : match.start()], f"color:{colour}"))
        out.append(_span(match.group(), escape if match.group().startswith("%") else raw))
        last = match.end()
    if last < len(text):
        out.append(_span(text[last:], f"color:{colour}"))
    return "".join(out)


def _part_html(part: str, line_colour: str) -> str:
    separator = f"color:{COLOURS['separator']};font-weight:bold"
    pieces = []
    for index, pair in enumerate(part.split("&")):
        if index:
            pieces.append(_span("&", separator))
        name, eq, value = pair.partition("=")
        pieces.append(_text_html(name, COLOURS["name"]))
        if eq:
            pieces.append(_span("=", separator))
            pieces.append(_text_html(value, COLOURS["value"]))
    return f"<span style='border-bottom:3px solid {line_colour}'>{''.join(pieces)}</span>"


def payload_html(query: str, body: str = "") -> str:
    """The payload, colour-coded: names blue, values green, ``=`` and ``&`` grey, ``%XX``
    escapes highlighted; the query string underlined blue and the body orange.

    Only styling is added: the element's text is exactly ``query + body``.
    """
    parts = []
    if query:
        parts.append(_part_html(query, COLOURS["query_line"]))
    if body:
        parts.append(_part_html(body, COLOURS["body_line"]))
    return f"<code style='{CODE_STYLE}'>{''.join(parts)}</code>"


def label_html(text: str) -> str:
    return f"<b style='color:{COLOURS['muted']}'>{html.escape(text)}</b>"


def legend_html(state: PlaygroundState) -> str:
    """What the colours mean and how long the payload is."""
    size = len(state.payload_bytes)
    chars = "" if size == len(state.payload) else f", {len(state.payload)} characters"
    items = [
        f"<span style='color:{COLOURS['name']}'>name</span>",
        f"<span style='color:{COLOURS['value']}'>value</span>",
        f"<span style='color:{COLOURS['separator']}'>= &amp;</span>",
    ]
    if state.mode == WEBSOCKET:
        items.append(
            f"<span style='background:{COLOURS['raw_bg']}'>raw non-ASCII or space</span>"
            " · sorted by name, apiKey included, nothing percent-encoded"
        )
    else:
        items += [
            f"<span style='background:{COLOURS['escape_bg']}'>%XX escape</span>",
            f"<span style='border-bottom:3px solid {COLOURS['query_line']}'>query string</span>",
        ]
    if state.body:
        items.append(
            f"<span style='border-bottom:3px solid {COLOURS['body_line']}'>body</span> "
            "(no separator between them)"
        )
    return (
        f"<div style='color:{COLOURS['muted']};font-size:12px'>"
        f"<b class='playground-length'>{size} bytes</b>{chars} signed · "
        + " · ".join(items)
        + "</div>"
    )


def box_html(message: str, *, ok: bool) -> str:
    bg, fg = (COLOURS["ok_bg"], COLOURS["ok"]) if ok else (COLOURS["error_bg"], COLOURS["error"])
    return (
        f"<div style='background:{bg};color:{fg};padding:6px 10px;border-radius:4px;"
        f"white-space:pre-wrap'>{message}</div>"
    )


_HINTS = (
    (
        "is set by sign_request",
        "In the playground, use the timestamp, recvWindow and API key boxes instead of a row.",
    ),
    (
        "is set by ws_request",
        "In the playground, use the timestamp, recvWindow and API key boxes instead of a row.",
    ),
    ("a GET request has no body", "Set every row's “goes in” to query, or pick POST."),
)


def not_sent_html(reason: str) -> str:
    """Why nothing reached the exchange (``reason`` is plain text)."""
    return box_html(f"<b>Not sent:</b> {html.escape(reason)}", ok=False)


def error_html(state: PlaygroundState) -> str:
    """The refusal, inline: which stage, the helpers' message, and a hint where one helps."""
    if state.ok:
        return ""
    hints = [hint for needle, hint in _HINTS if needle in state.error]
    extra = "".join(f"<br>{html.escape(hint)}" for hint in hints)
    return box_html(
        f"<b>Refused at the {html.escape(state.error_stage)} stage:</b> "
        f"{html.escape(state.error)}{extra}",
        ok=False,
    )


def pending_html(text: str) -> str:
    return f"<span style='color:{COLOURS['muted']}'>{html.escape(text)}</span>"


def signature_html(state: PlaygroundState) -> str:
    """The signature alone in a ``<code>`` element (the browser test reads its text)."""
    if state.signature is None:
        return pending_html("— (no signature: see the refusal above)")
    return f"<code style='{CODE_STYLE};font-size:14px'>{html.escape(state.signature)}</code>"


def _rows_html(rows: list[tuple[str, str]]) -> str:
    label = f"text-align:left;vertical-align:top;padding-right:8px;color:{COLOURS['muted']}"
    return rows_html(rows, table_style="margin:0", label_style=label, code_style=CODE_STYLE)


def _ws_request_html(state: PlaygroundState, signed: WsRequest) -> str:
    rows = [
        ("frame", signed.json(indent=1)),
        ("apiKey", "a signed parameter here (there are no headers)"),
        ("signature", "the last parameter, as is: JSON needs no percent-encoding"),
    ]
    if signed.api_key not in API_KEYS.values():  # only the kit's own keys are shown
        rows[0] = ("frame", signed.json(indent=1).replace(signed.api_key, "$BINANCE_API_KEY"))
    return _rows_html(rows)


def request_html(state: PlaygroundState) -> str:
    """The request as sent: REST's method, URL, body and a ``curl`` command, or the
    WebSocket API's JSON text."""
    signed = state.signed
    if signed is None:
        return pending_html("— (nothing to send until every stage passes)")
    if isinstance(signed, WsRequest):
        return _ws_request_html(state, signed)
    rows = [("request", f"{signed.method} {signed.url()}")]
    if signed.sent_body:
        rows.append(("body", signed.sent_body))
    rows += [(name, value) for name, value in signed.headers.items() if name != API_KEY_HEADER]
    if signed.sent_signature != signed.signature:
        rows.append(("signature sent as", signed.sent_signature + "  (percent-encoded base64)"))
    rows.append(("timestamp", f"{state.timestamp}"))
    curl = (
        f"<div>{label_html('curl')} <span style='color:{COLOURS['muted']};font-size:12px'>"
        "(click it to select it all; $BASE_URL is https://api.binance.com, the API key "
        "header is masked unless it is the docs' example)</span></div>"
        f"<pre class='playground-curl' style='{CODE_STYLE};user-select:all;margin:2px 0;"
        "padding:6px;background:var(--jp-layout-color2, #f1f3f4)'>"
        f"{html.escape(signed.curl())}</pre>"
    )
    return _rows_html(rows) + curl


def verdict_html(state: PlaygroundState, reply: Reply, verdict: Verdict | None) -> str:
    """The exchange's answer: the status, the JSON reply, and which check decided."""
    body = reply.json if isinstance(reply.json, dict) else {}
    error = body.get("error", body) if state.mode == WEBSOCKET else body
    accepted = 200 <= reply.status < 300 and "code" not in error
    protocol = "status" if state.mode == WEBSOCKET else "HTTP"
    if accepted:
        head = f"{protocol} {reply.status} · accepted"
    else:
        head = f"{protocol} {reply.status} · {error.get('code')} {error.get('msg', '')}"
    lines = [f"<b>{html.escape(head)}</b>"]
    if verdict is not None:
        lines.append(
            f"the exchange's check: {html.escape(verdict.check)}: {html.escape(verdict.detail)}"
        )
        server_time = "-" if verdict.server_time is None else verdict.server_time
        lines.append(f"server time: {server_time}")
    lines.append(
        f"<code style='{CODE_STYLE}'>{html.escape(json.dumps(reply.json, ensure_ascii=False))}"
        "</code>"
    )
    return box_html("<br>".join(lines), ok=accepted)


def comparison_html(result: PayloadComparison) -> str:
    """Both payloads with the first differing byte marked, and both signatures."""
    # helpers.compare's table does not wrap: let a long payload scroll sideways.
    out = [f"<div style='overflow-x:auto'>{result.comparison._repr_html_()}</div>"]
    if result.error is not None:
        out.append(box_html(f"<b>No signatures:</b> {html.escape(result.error)}", ok=False))
    else:
        signed, sent = result.signatures
        rows = [("signature of what I signed", signed), ("signature of what I sent", sent)]
        out.append(rows_html(rows, label_style=f"text-align:right;color:{COLOURS['muted']}"))
        if result.comparison.equal:
            out.append(box_html("Same bytes, same signature: the server would agree.", ok=True))
        else:
            out.append(
                box_html(
                    "The server signs what it received (the second line) and compares it "
                    "with the signature you sent (the first): -1022.",
                    ok=False,
                )
            )
    return "".join(out)


# --- the fixed text around the inputs -------------------------------------------------------

PARAMS_HEADER_HTML = (
    f"<div style='display:flex;gap:4px;font-size:12px;color:{COLOURS['muted']}'>"
    "<b style='width:12em'>name</b><b style='width:16em'>value</b>"
    "<b style='width:7.5em'>passed as</b><b style='width:6.5em'>goes in</b></div>"
)
COMPARE_INTRO_HTML = inline_code_html(
    "Paste the payload your code signed and the one that went on the wire "
    "(the exchange's `Verdict.payload` in notebook 03, or a log). "
    "The first differing byte is highlighted; both are signed with the key of the first tab."
)


def summary_text(state: PlaygroundState) -> str:
    """The playground in plain text: its request, payload, signature or refusal; no secret."""
    lines = [f"SignaturePlayground: {state.title}"]
    if state.payload is not None:
        lines.append(f"  payload    {state.payload}  ({len(state.payload_bytes)} bytes)")
    if state.signature is not None:
        lines.append(f"  signature  {state.signature}")
    if state.error is not None:
        lines.append(f"  refused    [{state.error_stage}] {state.error}")
    lines.append("  (a live widget: run this cell in JupyterLab to start the playground)")
    return "\n".join(lines)
