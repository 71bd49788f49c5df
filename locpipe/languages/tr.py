"""Turkish, as the Turkish press writes it (Anadolu Ajansı style)."""

from locpipe.languages.base import Profile

PROFILE = Profile(
    code="tr",
    curated=True,
    locale="tr_TR",
    quotes=("“", "”"),
    apostrophe="’",  # suffixes on names: İdlib’de, Şam’a
    # Turkish does not inflect a scale or currency word after a number: "5 milyon dolar"
    scale_words={r"milyon": 6, r"milyar": 9, r"trilyon": 12},
    currency_words={"USD": ("dolar", "dolar", "dolar"), "EUR": ("avro", "avro", "avro"),
                    "GBP": ("sterlin", "sterlin", "sterlin")},
    # "en", "de", "da" are words of other languages too: left out
    function_words=frozenset("""ve bir bu için ile olarak daha çok gibi ama kadar sonra olan
        ancak değil ise her şey çünkü veya göre dedi açıkladı yaptı oldu olduğu olduğunu
        tarafından ayrıca ilk iki üç yeni""".split()),
    length_ratio=(0.55, 2.2),  # Turkish runs about as long as English (agglutinative)
    ordinal="{n}.", century="{n}.",  # "43.", "18. yüzyıl"
)
