"""The live signature playground: edit a request, watch every intermediate change as you type.

Split as jupyter-widgets' own tutorial splits a widget, model apart from view:

- ``helpers.playground.model`` — ``PlaygroundModel``: the inputs as a learner types them
  (parameter rows, mode, key type, method, path, keys, timestamp, recvWindow) and
  ``compute()``, which runs the kit's stages and returns a ``PlaygroundState``
  (``helpers.playground.state``): every intermediate, or the first refusal and its stage.
  No widgets: tests, notebook cells and the benchmark drive it directly.
- ``helpers.playground.keys`` — one API key per key type and the kernel's private keys.
- ``helpers.playground.render`` — the outputs as HTML strings (pure functions).
- ``helpers.playground.view`` — ``SignaturePlayground``, a thin ipywidgets view over one
  model (``helpers.playground.row_view``: one parameter row's widgets). The only modules
  that import ipywidgets.

Notebook 05's exercise checks live in ``helpers.exercises.playground`` (5.1, the mixed
request in the playground) and ``helpers.exercises.nb05_playground`` (5.2).
"""

from helpers.playground.keys import API_KEYS
from helpers.playground.model import (
    KINDS,
    MODES,
    SERVER_TIME_FIXED,
    ParamRow,
    PlaygroundModel,
    typed_value,
)
from helpers.playground.render import payload_html
from helpers.playground.state import PayloadComparison, PlaygroundState
from helpers.playground.view import SignaturePlayground

__all__ = [
    "API_KEYS",
    "KINDS",
    "MODES",
    "SERVER_TIME_FIXED",
    "ParamRow",
    "PayloadComparison",
    "PlaygroundModel",
    "PlaygroundState",
    "SignaturePlayground",
    "payload_html",
    "typed_value",
]
