"""The doctor's command line and its masking: no secret typed on the command line is echoed.

``--secret VALUE`` must not pass as an abbreviation of ``--secret-env``, no error may
print a value given on the command line, and the message says why secrets do not belong
there. The masking hides every run of 6 or more characters of the secret (case-folded),
a short secret wherever it appears, and an API key in a ``-H`` header without a colon.
"""

import random
import subprocess
import sys

import pytest

from helpers.doctor.command_line import main
from helpers.doctor.masking import Masker

SECRET = "FAKEx7Zq8LmN2pRt5VwX9yBc4DfG7hJk3MnP6sTu1WxY0zAb2CdE5fGh8JkL4mNp7Q"
API_KEY = "FAKEapikeyAk47Bz93Cy28Dx17Ew66Fv55Gu44Ht33Is22Jr11Kq00Lp99Mo88Nn77"


def test_secret_is_not_an_abbreviation_of_secret_env(capsys):
    with pytest.raises(SystemExit) as caught:
        main(["--secret", SECRET, "curl https://api.binance.com/api/v3/account"])
    assert caught.value.code == 2
    err = capsys.readouterr().err
    assert SECRET not in err and SECRET[:8] not in err
    assert "command line" in err and "--secret-env" in err


@pytest.mark.parametrize("option", ["--secret-e", "--secret=" + SECRET, "--sec"])
def test_no_abbreviation_and_no_value_in_an_error(option, capsys):
    with pytest.raises(SystemExit):
        main([option, SECRET, "curl x"])
    err = capsys.readouterr().err
    assert SECRET not in err and SECRET[10:20] not in err, err


def test_a_secret_given_as_the_variable_name_is_not_printed(capsys):
    assert main(["--secret-env", SECRET, "curl x"]) == 2
    err = capsys.readouterr().err
    assert SECRET[5:25] not in err and "command line" in err


def test_a_header_without_a_colon_does_not_echo_the_api_key(monkeypatch, capsys):
    monkeypatch.setenv("DOCTOR_CLI_SECRET", SECRET)
    curl = f"curl -H 'X-MBX-APIKEY {API_KEY}' 'https://api.binance.com/api/v3/account?timestamp=1'"
    assert main(["--secret-env", "DOCTOR_CLI_SECRET", curl]) == 2
    err = capsys.readouterr().err
    assert API_KEY[:16] not in err and "no ':'" in err


def test_the_module_refuses_secret_too():
    run = subprocess.run(
        [sys.executable, "-m", "helpers.doctor", "--secret", SECRET, "curl x"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert run.returncode == 2 and SECRET[:12] not in run.stdout + run.stderr


def test_masking_hides_every_six_character_run_of_the_secret_case_folded():
    masker = Masker(SECRET.encode(), [])
    rng = random.Random(9)
    for _ in range(200):
        start = rng.randrange(len(SECRET) - 6)
        piece = SECRET[start : start + rng.randrange(6, 20)]
        piece = "".join(c.swapcase() if rng.random() < 0.5 else c for c in piece)
        text = f"signature payload ...{piece}... end"
        shown = masker.text(text)
        folded = shown.casefold()
        assert not any(SECRET[i : i + 6].casefold() in folded for i in range(len(SECRET) - 5))
        assert "<secret>" in shown
        assert masker.data(text.encode()) == shown.encode()
    assert masker.text("symbol=LTCBTC&timestamp=1499827319559") == (
        "symbol=LTCBTC&timestamp=1499827319559"
    )


@pytest.mark.parametrize("secret", ["abc12", "Secret7", "x"])
def test_a_short_secret_is_never_printed(secret):
    masker = Masker(secret.encode(), [])
    shown = masker.text(f"the secret {secret} and {secret.upper()} again")
    assert secret not in shown and secret.upper() not in shown


def test_the_advice_names_this_command_line_s_options(monkeypatch, capsys):
    # diagnose() says `signed_payload=`; a shell user can only pass --signed-payload.
    monkeypatch.setenv("DOCTOR_CLI_SECRET", SECRET)
    url = "https://api.binance.com/api/v3/account?timestamp=1&side=%20&signature=abcd"
    assert main(["--secret-env", "DOCTOR_CLI_SECRET", url]) == 1
    out = capsys.readouterr().out
    assert "UNKNOWN_MISMATCH" in out
    assert "Pass `--signed-payload` (the exact text your code signed)" in out
    assert "pass --signed-payload to compare" in out
    assert "signed_payload=" not in out
    assert "`timestamp` is 1: 1 digit, seconds" in out  # not "1 digits"
    assert main([url]) == 1
    assert "not checked: give --secret-env (or --public-key) to check it" in capsys.readouterr().out


def test_a_request_s_own_pairs_are_not_renamed(monkeypatch, capsys):
    # A pair `secret=abc` in the request is shown as sent, in the rows and in the findings.
    monkeypatch.setenv("DOCTOR_CLI_SECRET", SECRET)
    url = "https://api.binance.com/api/v3/account?secret=abc&timestamp=1&signature=abcd"
    main(["--secret-env", "DOCTOR_CLI_SECRET", url])
    out = capsys.readouterr().out
    assert "--secret-env" not in out
    assert "secret=abc&timestamp=1" in out
