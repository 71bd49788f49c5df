"""French, as the French-language press sets it."""

from locpipe.languages.base import Profile

PROFILE = Profile(
    code="fr",
    curated=True,
    locale="fr_FR",
    # typography: « » with fine spaces, fine space before ; : ! ?, typographic apostrophe
    quotes=("«", "»"),
    quote_space="\u202f",
    space_before=";:!?",
    apostrophe="’",
    # numbers: "5 millions", "3 milliards", "Md€"; currency words after a figure
    scale_words={r"millions?": 6, r"milliards?": 9, r"billions?": 12, r"trillions?": 18,
                 r"Md[s€$]?": 9, r"M[€$]": 6, r"mille": 3,  # "50 mille": 50,000
                 # India's counting units, kept by the French press ("40 crores de roupies")
                 r"crores?": 7, r"lakhs?": 5},
    scale_of=("de ", "d’"),  # "5 millions de francs suisses"
    currency_words={"USD": ("de dollars", "dollar", "dollars"),
                    "EUR": ("d’euros", "euro", "euros"),
                    "GBP": ("de livres sterling", "livre sterling", "livres sterling"),
                    "BTC": ("de bitcoins", "bitcoin", "bitcoins")},  # no ISO code, no CLDR name
    # "50 cents", "470 pence": the French press counts the minor unit as the source does
    minor_units={"USD": ("cent", "cents"), "GBP": ("penny", "pence"),
                 "EUR": ("centime", "centimes"), "BTC": ("satoshi", "satoshis")},
    time_patterns=("H 'h'", "H 'h' mm"),  # "6 h", "15 h 30" (CLDR: "06 h", "15:30")
    first_of_month="1er",
    # glossary: "le Hamas" -> "l’…" before a vowel
    elision=r"[Ll]e|[Ll]a|[Dd]e|[Qq]ue|[Jj]e",
    # QA: words both languages share ("a", "en", "on", "as") are left out
    function_words=frozenset("""le la les de des du un une et est à au aux que qui dans pour
        par sur il elle ils elles ont été ne pas se sont avec selon plus ce cette ces son sa ses
        leur leurs d l n s qu y mais ou où nous vous déjà après été était avait""".split()),
    # "nous nous sommes", "vous vous êtes": a reflexive pronoun after its subject
    doubled_words=frozenset({"nous", "vous"}),
    length_ratio=(0.6, 2.3),  # en->fr 0.86-1.79 on tests/data/qa/references.json, +30 %
    # AFP and Reuters French wire copy set the dateline city in capitals: "ALEP (AFP) -"
    dateline_case="upper",
    ordinal="{n}e", ordinal_one="1er", century="{roman}e", century_one="Ier",  # 43e, XVIIIe
    half_years=("S1", "S2"), fiscal_year="exercice {year}",  # "S1 2025", "exercice 2026"
    calendar_year="année civile {year}", school_year="année scolaire {year}",
    number_words={"une": 1, "quatre-vingt": 80},  # "quatre-vingt mille" (no s before a word)
)
