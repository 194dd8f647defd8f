"""Which language to mark an officer's words with: the page's when they seem to be in it,
otherwise the best guess, whose direction is always right."""

from __future__ import annotations

from portal.rules.text_language import written_in

ENGLISH = "The man was arrested today. I will call you on Monday."
WELSH = "Mae'r dyn wedi cael ei arestio heddiw. Byddaf yn eich ffonio ddydd Llun."
ARABIC = "تم القبض على الرجل اليوم. سأتصل بك يوم الاثنين."


def test_english_words_on_an_arabic_page_are_english_left_to_right():
    marked = written_in(ENGLISH, "ar")
    assert (marked.code, marked.direction) == ("en", "ltr")


def test_arabic_words_on_an_english_page_read_right_to_left():
    marked = written_in(ARABIC, "en")
    assert (marked.code, marked.direction) == ("ar", "rtl")


def test_arabic_script_on_an_urdu_page_is_taken_as_the_pages_language():
    assert written_in(ARABIC, "ur").code == "ur"


def test_welsh_words_on_an_english_page_are_welsh():
    assert written_in(WELSH, "en").code == "cy"


def test_words_in_the_pages_language_or_too_short_to_judge_take_the_page_language():
    assert written_in(WELSH, "cy").code == "cy"
    assert written_in("OK", "ar").code == "ar"
