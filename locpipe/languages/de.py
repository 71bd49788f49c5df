"""German, as the German-language press writes it (dpa style)."""

from locpipe.languages.base import Profile

PROFILE = Profile(
    code="de",
    curated=True,
    locale="de_DE",
    quotes=("„", "“"),
    apostrophe="’",
    scale_words={r"Millionen|Million|Mio\.?": 6, r"Milliarden|Milliarde|Mrd\.?": 9,
                 r"Billionen|Billion": 12},
    currency_words={"USD": ("Dollar", "Dollar", "Dollar"), "EUR": ("Euro", "Euro", "Euro"),
                    "GBP": ("Pfund", "Pfund", "Pfund")},
    # "in", "an", "so", "was", "will" are English too: left out
    function_words=frozenset("""der die das und den von zu mit sich des auf für ist im dem
        nicht ein eine als auch es werden aus er hat dass sie nach wird bei einer um am sind
        noch wie einem über einen zum war haben nur oder aber vor zur bis mehr durch man sein
        wurde sei laut teilte sagte seit""".split()),
    # "Menschen, die die Stadt verlassen": a relative pronoun before an article; "dass sie
    # sie sah"
    doubled_words=frozenset("die der das den dem des sie".split()),
    length_ratio=(0.6, 2.4),  # German runs about 20-30 % longer than English
    # dpa sets the dateline as a normal word: "Damaskus (dpa) -"
    dateline_case="as_glossary",
    ordinal="{n}.", century="{n}.",  # "43.", "18. Jahrhundert"
    half_years=("1. Halbjahr", "2. Halbjahr"), fiscal_year="Geschäftsjahr {year}",
    calendar_year="Kalenderjahr {year}", school_year="Schuljahr {year}",
    number_words={"ein": 1, "eine": 1},
)
