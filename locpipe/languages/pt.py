"""Portuguese (Brazilian default locale; pt_PT with --locale pt=pt_PT)."""

from locpipe.languages.base import Profile

PROFILE = Profile(
    code="pt",
    curated=True,
    locale="pt_BR",
    quotes=("“", "”"),
    apostrophe="’",
    scale_words={r"mil\s+milhões": 9, r"milhão|milhões": 6, r"bilhão|bilhões": 9,
                 r"bilião|biliões|trilhão|trilhões": 12, r"mil": 3},  # "50 mil": 50,000
    scale_of=("de ", "de "),  # "5 millions de francs suisses"
    currency_words={"USD": ("de dólares", "dólar", "dólares"),
                    "EUR": ("de euros", "euro", "euros"),
                    "GBP": ("de libras esterlinas", "libra esterlina", "libras esterlinas")},
    # "a", "as", "no", "me", "e" are English words or letters too: left out
    function_words=frozenset("""de o que do da em um para com não uma os na por mais dos como
        mas ao ele das à seu sua ou quando muito nos já eu também só pelo pela até isso ela
        entre depois sem mesmo aos seus quem nas esse eles essa num nem suas às numa pelos elas
        nós lhe deles essas esses pelas este dele segundo disse""".split()),
    length_ratio=(0.6, 2.3),  # Portuguese runs about 15-25 % longer than English
    # Lusa sets the dateline as a normal word: "Damasco, 5 dez (Lusa) -"
    dateline_case="as_glossary",
    ordinal="{n}.º", century="{roman}",  # "43.º", "século XVIII"
    half_years=("primeiro semestre", "segundo semestre"), half_year_of="{half} de {year}",
    fiscal_year="exercício {year}",
    calendar_year="ano civil {year}", school_year="ano letivo {year}",
    number_words={"uma": 1, "duas": 2},
)
