"""A key from another place: its verdicts' certainty comes from ``helpers/data/products.toml``
(``answered_by``, the product whose ``wrong_place_code`` and ``wrong_place_certainty`` the
verdict is), so a planted label or code is refused when the catalogue is read. The planted
tests work on a copy of the catalogue's text, never the file; expected labels are written
here by hand."""

from importlib import resources

import pytest

from helpers.mistakes import PITFALLS, by_code
from helpers.mistakes.registry import read
from helpers.mistakes.verdicts import OBSERVED_LABEL, place_shown, place_verdict

CATALOGUE = resources.files("helpers").joinpath("data", "mistakes.toml").read_text("utf-8")

MINUS_2008 = (
    '{ code = -2008, check = "API key", certainty = "observed", answered_by = "usdm-futures" }'
)
MINUS_2015 = '{ code = -2015, check = "API key", certainty = "observed", answered_by = "spot" }'


def planted(old: str, new: str) -> str:
    assert CATALOGUE.count(old) == 1, old
    return CATALOGUE.replace(old, new)


def test_the_catalogue_writes_both_verdicts_as_observed():
    assert MINUS_2008 in CATALOGUE and MINUS_2015 in CATALOGUE
    mistake = by_code("KEY_FROM_ANOTHER_PLACE")
    assert mistake.verdicts_shown == (
        "-2015 (observed, not documented), -2008 (observed, not documented)"
    )
    assert {b.answered_by for b in mistake.verdicts} == {"spot", "usdm-futures"}
    assert mistake.check == "API key" and mistake.stage == "key"


def test_a_planted_documented_on_an_observed_verdict_is_refused():
    text = planted(MINUS_2008, MINUS_2008.replace('"observed"', '"documented"'))
    with pytest.raises(ValueError, match="KEY_FROM_ANOTHER_PLACE.*makes it 'observed'"):
        read(text, PITFALLS)


def test_a_planted_observed_on_a_products_model_choice_is_refused():
    # COIN-M's -2008 is the local exchange's choice in products.toml (observed on USDⓈ-M only).
    text = planted(MINUS_2008, MINUS_2008.replace('"usdm-futures"', '"coinm-futures"'))
    with pytest.raises(ValueError, match="makes it 'model choice'"):
        read(text, PITFALLS)


def test_a_planted_code_the_product_does_not_answer_is_refused():
    text = planted(MINUS_2015, MINUS_2015.replace('"spot"', '"usdm-futures"'))
    with pytest.raises(ValueError, match="usdm-futures answers a key from another place -2008"):
        read(text, PITFALLS)


def test_a_verdict_with_two_bases_or_an_unknown_product_is_refused():
    two = MINUS_2015.replace(" }", ', source = "rejected-mbx-key" }')
    with pytest.raises(ValueError, match="give one of source"):
        read(planted(MINUS_2015, two), PITFALLS)
    with pytest.raises(ValueError, match="answered_by 'futures'"):
        read(planted(MINUS_2015, MINUS_2015.replace('"spot"', '"futures"')), PITFALLS)


@pytest.mark.parametrize(
    ("product", "shown"),
    [
        ("spot", "-2015 (observed, not documented)"),
        ("margin", "-2015 (local exchange's choice)"),
        ("usdm-futures", "-2008 (observed, not documented)"),
        ("coinm-futures", "-2008 (local exchange's choice)"),
        ("options", "-2008 (local exchange's choice)"),
    ],
)
def test_each_products_answer_is_shown_with_its_label(product, shown):
    assert place_shown(product) == shown


def test_the_observed_label_is_the_front_doors_word():
    from helpers.course.data import CERTAINTY_LABELS

    assert OBSERVED_LABEL == CERTAINTY_LABELS["observed"]
    assert place_verdict("spot") == (-2015, "observed")
