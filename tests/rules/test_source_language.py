"""Issue 22: the source-language check decides on the whole article, weighs short segments
little, keeps the declared language when the evidence is weak and names it when it refuses."""

from locpipe.rules.langid import source_verdict

LABELS = ["Accordion Title", "Accordion Panel Content", "Accordion Title",
          "Accordion Panel Content", "Tab Title", "Tab Panel Content"]
NAMES = ["Missing since March", "Omar Haddad, Homs", "Ali Saleh, Hama", "Rami Khoury, Idlib",
         "Sami Nasser, Raqqa", "Yusuf Darwish, Deraa", "Khaled Mansour, Homs"]
ITALIAN = ["Convoglio di aiuti raggiunge Homs",
           "Un convoglio di quaranta camion è arrivato a Homs martedì mattina.",
           "I camion trasportavano farina, medicine e coperte per molte famiglie.",
           "Le strade erano state chiuse per settimane a causa dei combattimenti."]


def test_labels_and_lists_of_names_keep_the_declared_language():
    assert source_verdict(LABELS, "en") is None
    assert source_verdict(NAMES, "en") is None
    assert source_verdict(["Accordion Panel Content"], "en") is None


def test_a_foreign_article_is_refused_with_its_evidence():
    found = source_verdict(ITALIAN, "en")
    assert (found.lang, found.evidence) == (
        "it", "3 of 3 sentences of 6 words or more read Italian, 171 letters")
    assert found.prob >= 0.9


def test_short_text_is_refused_only_on_function_words_or_script():
    found = source_verdict(["Le convoi a été refoulé"], "en")
    assert (found.lang, found.evidence) == ("fr", "2 French function words, none English")
    assert source_verdict(["Coupures de courant"], "en") is None  # no evidence: declared stands
    arabic = source_verdict(["المستشفى بلا وقود"], "en")
    assert (arabic.lang, arabic.evidence) == ("ar", "15 of 15 letters in Arabic script")


def test_one_long_foreign_quote_does_not_make_an_english_article_foreign():
    texts = ["Ministers meet in the north",
             "« Nous n'avons plus de médicaments et les enfants meurent dans les couloirs. »",
             "Talks on the water supply resumed after a week of shelling near the border."]
    assert source_verdict(texts, "en") is None


def test_latin_text_declared_in_a_non_latin_language_is_refused_by_its_script():
    texts = ["Talks on the water supply resumed after a week of shelling near the border."]
    found = source_verdict(texts, "ar")
    assert (found.lang, found.evidence) == ("en", "61 of 61 letters in Latin script")
    arabic = ["وصلت قافلة من أربعين شاحنة إلى حمص صباح الثلاثاء، بحسب الأمم المتحدة."]
    assert source_verdict(arabic, "ar") is None


def test_repetitive_english_is_not_refused():
    """Issue 19 §5: a table or a list of names is not another language."""
    names = ("Omar Haddad, Ali Saleh, Rami Khoury, Sami Nasser, Yusuf Darwish, Khaled "
             "Mansour, Mahmoud Issa, Bassam Aziz, Fadi Hamdan.")
    row = "Omar Haddad 34 Homs Ali Saleh 29 Hama Rami Khoury 41 Idlib Sami Nasser 52 Raqqa"
    assert source_verdict(["Victims named", names], "en") is None
    assert source_verdict(["Results", row, row, row], "en") is None
    assert source_verdict(["Towns", "Homs Hama Homs Hama Homs Hama Homs Hama Homs Hama."],
                          "en") is None
