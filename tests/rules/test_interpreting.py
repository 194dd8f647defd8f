"""The interpreter languages: ISO 639 codes, named in each interface language."""

from portal.rules import interpreting


def test_codes_are_iso_639_language_codes_without_regions_or_scripts():
    codes = interpreting.codes()
    assert {"so", "ti", "ps", "ckb", "yue", "syl", "bfi", "prs"} <= codes
    assert all(code.isalpha() and code.islower() and len(code) in (2, 3) for code in codes)
    assert "en_GB" not in codes and "zh_Hant" not in codes
    assert "und" not in codes and "zxx" not in codes


def test_names_follow_the_reader():
    assert interpreting.language_name("so", "en") == "Somali"
    assert interpreting.language_name("so", "cy") == "Somaleg"
    assert interpreting.language_name("so", "ar") == "الصومالية"
    # CLDR has no Welsh name for Krio: the English one, never the bare code.
    assert interpreting.language_name("kri", "cy") == "Krio"
    # A code no longer known is still shown, as recorded.
    assert interpreting.language_name("qqq", "en") == "qqq"


def test_the_list_is_in_alphabetical_order_of_the_name(app):
    with app.test_request_context():
        names = [name for _code, name in interpreting.choices("en")]
    assert names == sorted(names, key=str.casefold)
    assert not interpreting.is_language("klingon")
    assert interpreting.is_language("bfi")
