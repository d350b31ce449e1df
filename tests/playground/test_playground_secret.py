"""Where the playground keeps the secret, said truthfully.

ipywidgets syncs a ``Password`` widget's value like any other: it is in the widget's
``get_state()``. The docstrings must say so, not claim that no state holds the secret;
``tests/notebooks/test_notebooks.py`` keeps checking that committed notebooks carry no widget state.
"""

import helpers.playground.model
import helpers.playground.view
from helpers.playground import SignaturePlayground

A_SECRET = "playground-secret-for-the-widget-state-test"


def test_the_password_widget_state_holds_the_secret_and_the_docstrings_say_so():
    playground = SignaturePlayground()
    try:
        playground.secret.value = A_SECRET
        assert playground.secret.get_state()["value"] == A_SECRET  # what ipywidgets syncs
        assert A_SECRET not in repr(playground.model)
    finally:
        playground.close()
    for module in (helpers.playground.view, helpers.playground.model):
        doc = " ".join(module.__doc__.split())
        assert "get_state()" in doc, module.__name__
        assert "no repr and no state contains them" not in doc
