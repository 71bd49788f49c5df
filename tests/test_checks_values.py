"""The QA that does not cry wolf (issue 21): acronyms matched, not counted; URLs followed by
Arabic punctuation. Each finding is shown raised on a faulty translation and silent on a
correct one of the same sentence (fresh wire sentences)."""

from __future__ import annotations

from locpipe import checks
from locpipe.checks import Pair


def found(name: str, source: str, target: str, lang: str = "fr", glossary=None) -> list[str]:
    result = checks.check_pair(Pair(source, target, lang, glossary=glossary), [name])
    return [m for _, m in result.findings]


SRC = "EU envoys and NATO officers met ACTED staff in Gaziantep on Thursday."


def test_an_acronym_written_in_the_target_order_satisfies_the_source_one():
    # no glossary at hand (a PO file checked alone): UE and Otan are EU and NATO
    assert found("acronyms", SRC, "Des émissaires de l’UE et des officiers de l’Otan ont "
                 "rencontré le personnel d’ACTED jeudi à Gaziantep.") == []


def test_the_acronym_actually_missing_is_reported():
    assert found("acronyms", SRC, "Des émissaires de l’UE et des officiers de l’Otan ont "
                 "rencontré des humanitaires jeudi à Gaziantep.") == [
        "acronym 'ACTED' of the source is missing from the translation"]


def test_a_translation_acronym_still_stands_for_an_unmatched_one():
    assert found("acronyms", "The WHO sent ACTED kits.", "L’OMS a envoyé des kits d’ACTED.") == []
    assert found("acronyms", "The WHO sent ACTED kits.", "L’organisation a envoyé des kits.") == [
        "acronym 'WHO' of the source is missing from the translation",
        "acronym 'ACTED' of the source is missing from the translation"]


def test_an_arabic_comma_after_a_url_is_punctuation():
    src = "Donations go through https://relief.example.org/quake, the agency said."
    ok = "تذهب التبرعات عبر https://relief.example.org/quake، بحسب الوكالة."
    assert found("urls", src, ok, "ar") == []
    bad = "تذهب التبرعات عبر https://relief.example.org/quak، بحسب الوكالة."
    assert found("urls", src, bad, "ar") == [
        "'https://relief.example.org/quake' is missing from the translation or changed; copy "
        "it exactly", "'https://relief.example.org/quak' in the translation is not in the source"]


def test_an_arabic_question_mark_or_semicolon_ends_a_url_too():
    src = "Is www.example.org/list up to date?"
    assert found("urls", src, "هل www.example.org/list محدثة؟", "ar") == []
    assert found("urls", "See www.example.org/list; then call.",
                 "راجعوا www.example.org/list؛ ثم اتصلوا.", "ar") == []


def test_a_pseudo_localized_acronym_with_lengthened_vowels_is_the_acronym():
    # the pseudo engine writes EU's as "ÉÉÉÛ’s" and WHO as "WHÕÕÕ": not a missing acronym
    assert found("acronyms", "The EU’s envoy met the WHO chief.",
                 "Thé ÉÉÉÛ’s éñvõý mét thé WHÕÕÕ çhîéf.") == []
    assert found("acronyms", "The EU’s envoy met the WHO chief.",
                 "Thé éñvõý mét thé WHÕÕÕ çhîéf.") == [
        "acronym 'EU' of the source is missing from the translation"]
