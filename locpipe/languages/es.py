"""Spanish, as the Spanish-language press writes it (El País, EFE style)."""

from locpipe.languages.base import Profile

PROFILE = Profile(
    code="es",
    curated=True,
    locale="es_ES",
    quotes=("«", "»"),  # Spanish press (RAE) uses angle quotes first
    apostrophe="’",
    scale_words={r"mil\s+millones": 9, r"millón|millones": 6, r"millardos?": 9,
                 r"billón|billones": 12, r"mil": 3},  # "50 mil": 50,000
    scale_of=("de ", "de "),  # "5 millions de francs suisses"
    currency_words={"USD": ("de dólares", "dólar", "dólares"),
                    "EUR": ("de euros", "euro", "euros"),
                    "GBP": ("de libras esterlinas", "libra esterlina", "libras esterlinas")},
    function_words=frozenset("""el la los las de del y que un una por con para es se su al lo
        como más pero sus ya fue este ha porque esta son entre cuando muy sin sobre también
        hasta hay donde quien desde todo nos durante todos uno les ni contra otros ese eso ante
        ellos esto antes algunos unos otro otras otra él tanto esa estos mucho
        quienes según""".split()),
    length_ratio=(0.6, 2.3),  # Spanish runs about 15-25 % longer than English
    # EFE sets the dateline as a normal word: "Damasco, 5 dic (EFE).-"
    dateline_case="as_glossary",
    ordinal="{n}.º", century="{roman}",  # "43.º", "siglo XVIII"
    half_years=("primer semestre", "segundo semestre"), half_year_of="{half} de {year}",
    fiscal_year="ejercicio {year}",
    calendar_year="año natural {year}", school_year="año escolar {year}",
    number_words={"una": 1, "un": 1, "veintiún": 21},
)
