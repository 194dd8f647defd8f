import pytest

from portal.rules.text_language import seems_not_in

ENGLISH = "He was arrested this afternoon. I will call you tomorrow about what happens next."
WELSH = "Mae'r dyn wedi cael ei arestio heddiw. Byddaf yn eich ffonio yfory."
POLISH = "Mężczyzna został dziś aresztowany. Zadzwonię do pani jutro, nie ma się czym martwić."
ARABIC = "تم القبض على الرجل اليوم. سأتصل بك غدا لأشرح ما سيحدث بعد ذلك."


@pytest.mark.parametrize(
    ("text", "language"),
    [(ENGLISH, "en"), (WELSH, "cy"), (POLISH, "pl"), (ARABIC, "ar"), (ARABIC, "ur")],
)
def test_text_in_the_victims_language_gives_no_warning(text, language):
    assert not seems_not_in(text, language)


@pytest.mark.parametrize(
    ("text", "language"),
    [(ENGLISH, "cy"), (WELSH, "en"), (ENGLISH, "pl"), (ENGLISH, "ar"), (ARABIC, "en")],
)
def test_text_in_another_language_is_flagged(text, language):
    assert seems_not_in(text, language)


def test_a_very_short_text_is_too_little_to_judge():
    assert not seems_not_in("Call me.", "cy")
    assert not seems_not_in(None, "cy")
