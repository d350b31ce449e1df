"""Step 4's orders: the payload rebuilt with the same pairs in another order, at a bounded cost.

Two kinds of reordering, tried in this order by ``helpers.doctor.explain``:

- ``ordering_rules`` — a signer that *sorted* the parameters before signing (the WebSocket
  API's rule used on REST): one candidate per rule, for any number of parameters — sorted
  by decoded name, or by the encoded ``name=value`` text (they differ for non-ASCII and
  reserved characters); for a query + body request, sorted across both parts (joined with
  ``&``, or split where the query ends) or each part alone;
- ``Reorderings`` — pairs moved between signing and sending: every other order up to 7
  pairs, else single moves and swaps, most likely first (each pair moved to the front or
  the end, adjacent swaps, then the others); up to 7 pairs, every other order read as HTML
  too (``read_as_html``: an ``&times`` decoded as well).

**The budget.** Single moves and swaps grow as n² candidates of n bytes each: 500 pairs
would mean 374,250 payloads of 9 KB (3.4 GB to hash). ``Reorderings`` stops once the
payloads it rebuilt reach ``REORDER_BUDGET_BYTES`` (64 MiB, under a second here; `make
bench` prints the cost at 500 parameters); its ``note`` then says how many of how many
orders were tried and which were not, and the diagnosis shows that note. Every finding
the request itself shows is reported either way (they come before the search).
"""

import itertools
import math
from collections.abc import Callable, Iterator

from helpers.doctor.hypotheses import READ_AS_HTML, Rebuilt, html_entities, join_parts
from helpers.doctor.server_view import Segment, ServerView

__all__ = ["REORDER_BUDGET_BYTES", "Reorderings", "in_every_order", "ordering_rules"]

REORDER_BUDGET_BYTES = 64 * 2**20  # rebuilt payload bytes the reorderings may hash
PERMUTE_UP_TO = 7  # pairs: every order up to here (7! = 5040), single moves above

SORTED = "WS_SORTED_PAYLOAD_ON_REST"
_RULES: tuple[tuple[str, Callable[[Segment], object]], ...] = (
    ("sorted by name", lambda s: s.name),
    ("sorted by the encoded `name=value` text", lambda s: s.raw),
)


def _parts(view: ServerView) -> tuple[list[Segment], list[Segment]]:
    return (
        [s for s in view.query if not s.is_signature],
        [s for s in view.body if not s.is_signature],
    )


def ordering_rules(view: ServerView, api_key: str | None) -> Iterator[Rebuilt]:
    """One payload per sorting rule: (code, how, what would have been signed)."""
    query, body = _parts(view)
    pairs = query + body
    if len(pairs) < 2 or any(s.name is None for s in pairs):
        return
    mixed = bool(query and body)
    for rule, key in _RULES:
        ordered = sorted(pairs, key=key)  # stable: a repeated name keeps its order
        raws = [s.raw for s in ordered]
        across = " across query and body, joined with `&`" if mixed else ""
        yield Rebuilt(SORTED, f"{rule}, values as sent{across}", b"&".join(raws))
        if mixed:
            split = len(query)
            yield Rebuilt(
                SORTED,
                f"{rule}, values as sent, across query and body, split where the query ends",
                join_parts(raws[:split], raws[split:]),
            )
            yield Rebuilt(
                SORTED,
                f"{rule}, values as sent, in the query and in the body, each part alone",
                join_parts([s.raw for s in sorted(query, key=key)],
                      [s.raw for s in sorted(body, key=key)]),
            )  # fmt: skip
    # The WebSocket API's rule itself: sorted by name, values raw, apiKey included.
    by_name = sorted(pairs, key=lambda s: s.name)
    yield Rebuilt(
        SORTED,
        "sorted by name, values raw (the WebSocket API's rule)",
        "&".join(f"{s.name}={s.value}" for s in by_name).encode("utf-8"),
    )
    if api_key and not any(s.name == "apiKey" for s in pairs):
        with_key = sorted([*((s.name, s.value) for s in pairs), ("apiKey", api_key)])
        yield Rebuilt(
            SORTED,
            "sorted by name with `apiKey` added (the WebSocket API's rule)",
            "&".join(f"{n}={v}" for n, v in with_key).encode("utf-8"),
        )


def in_every_order(view: ServerView) -> bool:
    """Is the order sent the one every sorting rule gives (so a sort changes nothing)?"""
    query, body = _parts(view)
    pairs = query + body
    if any(s.name is None for s in pairs):
        return False
    return all(sorted(pairs, key=key) == pairs for _, key in _RULES)


class Reorderings:
    """The other orders of the pairs, most likely first, until ``budget`` bytes were rebuilt.

    Iterate for (code, how, payload); afterwards ``tried``, ``total`` and ``stopped`` say
    how far it went, and ``note`` says it in words when the budget stopped it."""

    def __init__(self, view: ServerView, budget: int | None = None) -> None:
        query, body = _parts(view)
        self.pairs, self.split = query + body, len(query)
        self.budget = REORDER_BUDGET_BYTES if budget is None else budget
        n = len(self.pairs)
        self.exhaustive = n <= PERMUTE_UP_TO
        if n < 2:
            self.total = 0
        elif self.exhaustive:
            self.total = math.factorial(n) - 1
        else:  # (n-1)² distinct single moves, plus the swaps of non-neighbours
            self.total = (n - 1) ** 2 + (n - 1) * (n - 2) // 2
        self.tried = 0
        self.stopped = False

    def _orders(self) -> Iterator[tuple[tuple[int, ...], str]]:
        n, pairs = len(self.pairs), self.pairs
        identity = tuple(range(n))
        if self.exhaustive:
            for order in itertools.permutations(identity):
                if order != identity:
                    names = ", ".join(f"`{pairs[i].name or '?'}`" for i in order)
                    yield order, f"with the parameters in the order {names}"
            return
        done: set[tuple[str, int, int]] = set()

        def move(i: int, j: int) -> Iterator[tuple[tuple[int, ...], str]]:
            key = ("swap", min(i, j), max(i, j)) if abs(i - j) == 1 else ("move", i, j)
            if i == j or key in done:
                return
            done.add(key)
            order = list(identity)
            order.insert(j, order.pop(i))
            yield tuple(order), (
                f"with `{pairs[i].name or '?'}` moved from position {i + 1} to {j + 1}"
            )

        def swap(i: int, j: int) -> Iterator[tuple[tuple[int, ...], str]]:
            key = ("swap", i, j)
            if key in done:
                return
            done.add(key)
            order = list(identity)
            order[i], order[j] = order[j], order[i]
            yield tuple(order), (
                f"with `{pairs[i].name or '?'}` and `{pairs[j].name or '?'}` swapped "
                f"(positions {i + 1} and {j + 1})"
            )

        for i in range(n):  # one pair moved to the front or to the end
            yield from move(i, 0)
            yield from move(i, n - 1)
        for i in range(n - 1):  # neighbours swapped
            yield from move(i, i + 1)
        for i, j in itertools.permutations(range(n), 2):  # every other single move
            yield from move(i, j)
        for i, j in itertools.combinations(range(n), 2):  # every other swap
            if j - i > 1:
                yield from swap(i, j)

    def __iter__(self) -> Iterator[Rebuilt]:
        used, raws, split = 0, [s.raw for s in self.pairs], self.split
        for order, how in self._orders():
            ordered = [raws[i] for i in order]
            payload = join_parts(ordered[:split], ordered[split:])
            if used + len(payload) > self.budget:
                self.stopped = True
                return
            used += len(payload)
            self.tried += 1
            yield Rebuilt("PARAMS_REORDERED", how, payload)

    def read_as_html(self) -> Iterator[Rebuilt]:
        """Every other order again, with each ``&name`` that reads as an HTML entity
        (``&timestamp`` → ``×tamp``) decoded: both mistakes at once. Only when every order
        was tried (``exhaustive``, within the budget), so the elimination can count on it.
        An entity never spans an ``&``, so each pair is decoded once, alone."""
        if not self.exhaustive or self.stopped:
            return
        read = {}  # pair index → (how, its `&name=value` decoded)
        for i, pair in enumerate(self.pairs):
            for _, how, text in html_entities(b"&" + pair.raw):
                read[i] = (how, text)
        raws, split = [s.raw for s in self.pairs], self.split
        for order, how in self._orders() if read else ():
            starts = (0, split)  # the first pair of each part has no `&` before it
            changed = [i for k, i in enumerate(order) if i in read and k not in starts]
            if changed:
                payload = b"".join(
                    raws[i] if k in starts else read[i][1] if i in read else b"&" + raws[i]
                    for k, i in enumerate(order)
                )
                yield Rebuilt(READ_AS_HTML, f"{how}, and {read[changed[0]][0]}", payload)

    def note(self) -> str | None:
        """What the budget left untried, or None when every order of the search was tried."""
        if not self.stopped:
            return None
        which = "other orders" if self.exhaustive else (
            "single moves and swaps (each parameter moved to the front or the end, "
            "neighbours swapped, then the others)"
        )
        return (
            f"the reordering search stopped at its budget ({self.budget / 2**20:g} MiB of "
            "rebuilt payloads, helpers.doctor.orderings.REORDER_BUDGET_BYTES): "
            f"{self.tried:,} of the {self.total:,} {which} of the {len(self.pairs)} "
            f"parameters were tried; not tried: the other {self.total - self.tried:,}. Every "
            "sorting rule and every other hypothesis was tried in full"
        )
