"""A stopped exchange says what to re-run, in the form the notebooks use.

After "Run All", notebook 03 has stopped its exchange (`ex.stop()`, last cell); re-running a
middle cell must first tell the learner to re-run the cell that calls `ex.start()`, not
to rewrite their code into a `with` block the notebook never uses.
"""

import pytest

from helpers.exchange import LocalExchange


@pytest.mark.parametrize("started", [False, True], ids=["never started", "stopped"])
def test_a_stopped_exchange_names_the_cell_to_re_run(started):
    ex = LocalExchange(clock=lambda: 1499827320000)
    if started:
        ex.start()
        ex.stop()
    with pytest.raises(RuntimeError) as raised:
        ex.base_url  # noqa: B018 — reading it is what a notebook cell does
    message = str(raised.value)
    assert "not running" in message
    # What to re-run comes first; the `with` form is for scripts, after it.
    assert message.index("re-run the cell that calls `ex.start()`") < message.index("with ")
