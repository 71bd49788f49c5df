"""Arabic (Modern Standard Arabic as news agencies write it)."""

from locpipe.languages.base import Profile

PROFILE = Profile(
    code="ar",
    curated=True,
    locale="ar",
    # typography: ، ؛ ؟ in Arabic text (not between Latin words or inside numbers)
    quotes=("«", "»"),
    punctuation={",": "،", ";": "؛", "?": "؟"},
    # numbers
    scale_words={r"مليون|ملايين|مليونا|مليونان|مليونين": 6,
                 r"مليار|مليارات|مليارا|بليون|بلايين": 9,
                 r"ترليون|تريليون|ترليونات|تريليونات": 12},
    currency_words={"USD": ("دولار", "دولار", "دولارات"), "EUR": ("يورو", "يورو", "يورو"),
                    "GBP": ("جنيه إسترليني", "جنيه إسترليني", "جنيهات إسترلينية")},
    currency_plural=("few",),  # 3-10 take the plural; 11+ the singular accusative
    # glossary: conjunctions, prepositions and the article written onto a term
    clitics=r"(?:[وف]?(?:لل|[بك]?ال|[بلك]))|[وف]",
    article="ال",
    contractions={"ل": "لل"},
    # QA
    length_ratio=(0.42, 1.7),  # en->ar 0.60-1.31 on tests/data/qa/references.json, +30 %
)
