"""The opt-in testnet check, pointed at the local exchange instead of the network."""

from helpers.examples import EXAMPLE_API_KEY as API_KEY
from helpers.examples import EXAMPLE_SECRET_KEY as SECRET
from helpers.exchange import LocalExchange
from helpers.mistakes import PITFALLS
from helpers.testnet_check import main


def test_without_keys_it_sends_nothing(capsys):
    with LocalExchange() as ex:
        assert main({"BINANCE_BASE_URL": ex.base_url}) == 2
        assert ex.verdicts == []
    assert "set BINANCE_API_KEY and BINANCE_API_SECRET" in capsys.readouterr().err


def test_transcript_agrees_with_the_model_on_the_model(capsys):
    # The local exchange runs on the wall clock here, like a real server would.
    with LocalExchange() as ex:
        env = {"BINANCE_API_KEY": API_KEY, "BINANCE_API_SECRET": SECRET,
               "BINANCE_BASE_URL": ex.base_url + "/"}  # fmt: skip
        assert main(env) == 0
    out = capsys.readouterr().out
    rows = [line for line in out.splitlines() if line.startswith("| ") and "---" not in line]
    assert len(rows) == 1 + len(PITFALLS)  # header + one row per pitfall
    assert "**NO**" not in out
    assert "| uppercase-hex | accepted | accepted | yes | accepted |" in out
    assert SECRET not in out
