"""A ``curl`` command line, read the way curl reads it: the method, the URL, the ``-H``
headers, the ``-d`` data and whether ``-G`` moves it to the query string.

``read_curl`` only reads the words of the command line into a ``CurlCommand``; turning
that into the bytes curl puts on the wire is ``helpers.doctor.sent.parse_curl``'s job.
Options that take a value but do not change the request's bytes (``-o``, ``--max-time``,
...) are skipped with their value, flags such as ``-s`` likewise; any other option is
refused by name, so a request is never read wrong in silence.
"""

import re
import shlex
import urllib.parse
from dataclasses import dataclass, field

# curl options this reader understands. Options that take a value and do not change the
# request's bytes are skipped with their value; flags without a value likewise.
_CURL_SKIP_WITH_VALUE = {
    "-A", "--user-agent", "-e", "--referer", "-o", "--output", "-w", "--write-out", "-m",
    "--max-time", "--connect-timeout", "-x", "--proxy", "-b", "--cookie", "--retry",
    "--cacert", "--resolve",
}  # fmt: skip
_CURL_FLAGS = {
    "-s", "--silent", "-S", "--show-error", "-v", "--verbose", "-i", "--include", "-k",
    "--insecure", "-L", "--location", "-f", "--fail", "-g", "--globoff", "--compressed",
    "-#", "--progress-bar", "--http1.1", "--http2", "-N", "--no-buffer",
}  # fmt: skip
_CURL_COMBINED_FLAGS = re.compile(r"-[sSvikLfgN#]+")  # such as -sS
_CURL_DATA = {"-d", "--data", "--data-ascii", "--data-raw", "--data-binary"}
# Every option whose value is the next word.
_TAKES_VALUE = {
    "-X", "--request", "-H", "--header", *_CURL_DATA, "--data-urlencode", "--json", "--url",
    *_CURL_SKIP_WITH_VALUE,
}  # fmt: skip
# Short options whose value may be glued to them (`-XPOST`, `-d@file`).
_GLUED = {"-X": "-X", "-H": "-H", "-d": "-d"}


@dataclass
class CurlCommand:
    """What a curl command line asks for: ``method`` (``None``: curl's default), ``url``,
    the ``headers`` as ``(name, value)``, the ``data`` parts in order, ``json_body``
    (``--json`` was used) and ``get`` (``-G``: the data goes to the query string)."""

    method: str | None = None
    url: str | None = None
    headers: list[tuple[str, str]] = field(default_factory=list)
    data: list[str] = field(default_factory=list)
    json_body: bool = False
    get: bool = False


def read_curl(command: str) -> CurlCommand:
    """Read a ``curl`` command line into a ``CurlCommand``; a clear ``ValueError`` (starting
    ``curl command:``) for what it cannot read."""
    words = _words(command)
    curl = CurlCommand()
    i = 1
    while i < len(words):
        i = _read_word(words, i, curl)
    if curl.url is None:
        raise ValueError("curl command: no URL found")
    return curl


def _words(command: str) -> list[str]:
    """The command line split as a shell would (line continuations joined, a pasted
    ``$ `` prompt dropped); it must start with ``curl``."""
    text = command.strip().replace("\\\r\n", " ").replace("\\\n", " ")
    text = text.removeprefix("$ ")
    try:
        words = shlex.split(text)
    except ValueError as exc:
        raise ValueError(f"curl command: cannot split it into words ({exc})") from None
    if not words or words[0] != "curl":
        raise ValueError("curl command: expected it to start with 'curl'")
    return words


def _read_word(words: list[str], i: int, curl: CurlCommand) -> int:
    """Read ``words[i]`` (and its value, when the option takes one) into ``curl``; returns
    the index of the next word."""
    word = words[i]
    if word in _TAKES_VALUE:
        if i + 1 >= len(words):
            raise ValueError(f"curl command: {word} needs a value")
        _read_option(word, words[i + 1], curl)
        return i + 2
    if word[:2] in _GLUED and len(word) > 2:
        _read_option(_GLUED[word[:2]], word[2:], curl)
    elif word in ("-G", "--get"):
        curl.get = True
    elif word in _CURL_FLAGS or _CURL_COMBINED_FLAGS.fullmatch(word):
        pass
    elif word.startswith("-"):
        name = _option_name(word)
        glued = "" if name == word else " (the text attached to it is not shown: it may hold a key)"
        raise ValueError(f"curl command: the option {name} is not understood here{glued}")
    elif curl.url is not None:
        raise ValueError("curl command: more than one URL")
    else:
        curl.url = word
    return i + 1


def _option_name(word: str) -> str:
    """The option of ``word`` alone, never a value glued to it (``-uKEY:SECRET`` → ``-u``,
    ``-sSuKEY:SECRET`` → ``-u``, ``--user=KEY:SECRET`` → ``--user``): it may hold a key."""
    named = re.match(r"--[A-Za-z0-9][A-Za-z0-9.-]*|-[sSvikLfgN#]*(.)", word)
    if named is None:
        return word[:2]
    return f"-{named[1]}" if named[1] else named[0]


def _read_option(option: str, value: str, curl: CurlCommand) -> None:
    """What ``option value`` adds to the request; an option in ``_CURL_SKIP_WITH_VALUE``
    adds nothing (its value changes no byte sent)."""
    if option in ("-X", "--request"):
        curl.method = value
    elif option in ("-H", "--header"):
        curl.headers.append(_header_line(value))
    elif option in (*_CURL_DATA, "--data-urlencode", "--json") and _reads_file(option, value):
        raise ValueError(f"curl command: {option} {value} reads a file; paste its text")
    elif option in _CURL_DATA:
        curl.data.append(value)
    elif option == "--data-urlencode":
        curl.data.append(_curl_urlencode(value))
    elif option == "--json":
        curl.data.append(value)
        curl.json_body = True
    elif option == "--url":
        curl.url = value


def _reads_file(option: str, value: str) -> bool:
    """Whether curl reads the data of ``option value`` from a file (or stdin, ``@-``), so
    the text on the command line is not what it sends: a leading ``@`` for every data
    option but ``--data-raw``; for ``--data-urlencode``, ``@file`` and ``name@file`` —
    curl's rule: an ``=`` anywhere makes it ``name=content``, else an ``@`` a file."""
    if option == "--data-urlencode":
        return "=" not in value and "@" in value
    return option != "--data-raw" and value.startswith("@")


def _header_line(line: str) -> tuple[str, str]:
    """A ``-H 'Name: value'`` line as ``(name, value)``; the error never repeats the line
    (it may hold a key)."""
    name, colon, value = line.partition(":")
    if not colon:
        raise ValueError(
            f"curl command: a -H header has no ':' ({len(line)} characters, not quoted: "
            "it may hold a key); write it as -H 'Name: value'"
        )
    return name.strip(), value.lstrip(" \t")


def _curl_urlencode(value: str) -> str:
    """curl's ``--data-urlencode``: ``name=content`` → ``name=`` + encoded content."""
    name, eq, content = value.partition("=")
    if not eq:
        return urllib.parse.quote(value, safe="")
    encoded = urllib.parse.quote(content, safe="")
    return f"{name}={encoded}" if name else encoded
