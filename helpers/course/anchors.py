r"""A heading's anchor, the way JupyterLab 4 makes it, and whether a link can reach it.

JupyterLab 4.6 (``@jupyterlab/rendermime``, ``renderers.ts``: ``headerAnchors`` and
``Private.createHeaderId``) renders the markdown, then gives each ``h1``–``h6`` the id
``header.textContent.replace(/ /g, '-')``: the heading's visible text (code spans keep their
text, emphasis and link markup vanish), every space a ``-``, nothing lowercased.

A link ``NN-name.ipynb#Anchor`` reaches it only if the fragment arrives as the id itself:
the markdown renderer writes the href through ``encodeURI`` (which escapes non-ASCII, space,
``"<>`[]{}|^\``), the browser's ``a.hash`` percent-encodes what is left of those, and
JupyterLab compares without decoding (``StaticNotebook.setFragment``); it also reads
``#kind=value`` as a cell or heading target, so an ``=`` breaks the lookup too.
"""

import html
import re

__all__ = ["heading_id", "heading_text", "linkable"]

_CODE_SPAN = re.compile(r"(`+)(.+?)(?<!`)\1(?!`)", re.S)
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_TAG = re.compile(r"<[^>]+>")
_STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_EMPHASIS = re.compile(r"(?<![\w*])\*(?=\S)(.+?)(?<=\S)\*(?!\*)|(?<!\w)_(?=\S)(.+?)(?<=\S)_(?!\w)")
_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
_PARKED = 0xE000  # private-use code points stand for escaped ASCII while markup is removed
_ENTITY = re.compile(r"&#?\w+;")  # marked keeps a bare `&` as text: only `&name;` is an entity
_NOT_IN_A_FRAGMENT = re.compile(r'[^\x21-\x7e]|["<>`=\[\]{}|^\\]')


def _inline_text(markdown: str) -> str:
    # An escaped character is text, never markup: park it outside ASCII until the end.
    text = _ESCAPE.sub(lambda m: chr(_PARKED + ord(m.group(1))), markdown)
    text = _LINK.sub(r"\1", text)
    text = _TAG.sub("", text)
    text = _STRONG.sub(r"\2", text)
    text = _EMPHASIS.sub(lambda m: m.group(1) or m.group(2), text)
    text = _ENTITY.sub(lambda m: html.unescape(m.group(0)), text)
    return re.sub(r"[\ue000-\ue07f]", lambda m: chr(ord(m.group(0)) - _PARKED), text)


def heading_text(markdown: str) -> str:
    """The text a rendered heading shows: ``## 6. The `X-MBX-APIKEY` header`` (or just the
    part after the ``#``) → ``6. The X-MBX-APIKEY header``."""
    markdown = re.sub(r"^\s{0,3}#{1,6}\s+", "", markdown.strip())
    markdown = re.sub(r"\s+#+\s*$", "", markdown)  # an ATX heading's closing hashes
    parts, last = [], 0
    for match in _CODE_SPAN.finditer(markdown):
        parts.append(_inline_text(markdown[last : match.start()]))
        code = match.group(2)
        parts.append(code[1:-1] if code.startswith(" ") and code.endswith(" ") else code)
        last = match.end()
    parts.append(_inline_text(markdown[last:]))
    return "".join(parts).strip()


def heading_id(markdown: str) -> str:
    """JupyterLab's id of the heading: its text, spaces replaced by ``-``."""
    return heading_text(markdown).replace(" ", "-")


def linkable(anchor: str) -> bool:
    """Whether ``#anchor`` survives the browser and JupyterLab's fragment lookup unchanged."""
    return bool(anchor) and not _NOT_IN_A_FRAGMENT.search(anchor)
