"""Arabic (Modern Standard Arabic as news agencies write it)."""

from locpipe.languages.base import Profile

# the ordinals 1-10 with the article (masculine: the day; feminine: the hour)
_ORDINALS = "الأول الثاني الثالث الرابع الخامس السادس السابع الثامن التاسع العاشر".split()
_HOURS = "الواحدة الثانية الثالثة الرابعة الخامسة السادسة السابعة الثامنة التاسعة العاشرة".split()
# the day of the month in words: الأول ... العاشر, الحادي عشر ... التاسع عشر, العشرين,
# الحادي والعشرين ... الثلاثين, الحادي والثلاثين
_DAYS = {word: n for n, word in enumerate(_ORDINALS, 1)} | {
    ("الحادي" if n == 1 else _ORDINALS[n - 1]) + suffix: base + n
    for base, suffix in ((10, " عشر"), (20, " والعشرين"), (30, " والثلاثين"))
    for n in range(1, 10) if base + n <= 31} | {"العشرين": 20, "الثلاثين": 30}

PROFILE = Profile(
    code="ar",
    curated=True,
    locale="ar",
    # typography: ، ؛ ؟ in Arabic text (not between Latin words or inside numbers)
    quotes=("«", "»"),
    punctuation={",": "،", ";": "؛", "?": "؟"},
    # numbers
    scale_words={r"مليون|ملايين|مليونا|مليونان|مليونين|مليوني": 6,
                 r"مليار|مليارات|مليارا|ملياران|مليارين|ملياري|بليون|بلايين": 9,
                 r"ترليون|تريليون|ترليونات|تريليونات": 12,
                 r"ألف|آلاف|ألفا|ألفًا|الف|الاف|ألفان|ألفين|ألفي": 3},  # "50 ألف": 50,000
    # (QA reading); the duals (ملياري، مليونين: two of it) are also in number_words
    currency_words={"USD": ("دولار", "دولار", "دولارات"), "EUR": ("يورو", "يورو", "يورو"),
                    "GBP": ("جنيه إسترليني", "جنيه إسترليني", "جنيهات إسترلينية"),
                    "BTC": ("بيتكوين", "بيتكوين", "بيتكوين")},  # no ISO code, no CLDR name
    # "50 سنتا", "470 بنسا": the minor unit counted as the source does
    minor_units={"USD": ("سنت", "سنتات"), "GBP": ("بنس", "بنسات"), "EUR": ("سنت", "سنتات"),
                 "BTC": ("ساتوشي", "ساتوشي")},
    currency_plural=("few",),  # 3-10 take the plural; 11+ the singular accusative
    # the decades of the 20th century as news names them (الثمانينيات, ثمانينات = the 1980s)
    decades={stem + "ي?ات": year for stem, year in (
        ("عشرين", 1920), ("ثلاثين", 1930), ("أربعين", 1940), ("خمسين", 1950), ("ستين", 1960),
        ("سبعين", 1970), ("ثمانين", 1980), ("تسعين", 1990))},
    # "الأول من مارس" (March 1), "الثامنة مساءً" (8 p.m.): read back by the QA
    day_words=_DAYS, day_of=r"\s+(?:من\s+)?",
    hour_words={word: n for n, word in enumerate(_HOURS, 1)} | {"الحادية عشرة": 11,
                                                               "الثانية عشرة": 12},
    # glossary: conjunctions, prepositions and the article written onto a term
    clitics=r"(?:[وف]?(?:لل|[بك]?ال|[بلك]))|[وف]",
    article="ال",
    contractions={"ل": "لل"},
    # QA
    # distributive reduplication: "رويدًا رويدًا" (little by little), "خطوة خطوة" (step by
    # step), "واحدًا واحدًا" (one by one), written here without vowel marks (the check ignores
    # them); a doubled conjunction "و و" is a fault
    doubled_words=frozenset("رويدا خطوة واحدا شيئا قليلا".split()),
    length_ratio=(0.42, 1.7),  # en->ar 0.60-1.31 on tests/data/qa/references.json, +30 %
    ordinal="الـ{n}", century="الـ{n}",  # "المركز الـ43", "القرن الـ18" (the press's figure form)
    half_years=("النصف الأول", "النصف الثاني"), half_year_of="{half} من {year}",
    fiscal_year="السنة المالية {year}",
    calendar_year="السنة التقويمية {year}", school_year="العام الدراسي {year}",
    # feminine and oblique forms of the counts a translator spells out (num2words gives one)
    number_words={"واحدة": 1, "اثنتان": 2, "اثنين": 2, "اثنتين": 2, "ثلاث": 3, "أربع": 4,
                  "خمس": 5, "ست": 6, "سبع": 7, "ثماني": 8, "ثمان": 8, "تسع": 9, "عشر": 10,
                  "اثنتا عشرة": 12, "اثني عشر": 12, "اثنتي عشرة": 12, "عشرين": 20,
                  "ثلاثين": 30, "أربعين": 40, "خمسين": 50, "ستين": 60, "سبعين": 70,
                  "ثمانين": 80, "تسعين": 90,
                  # the hundreds as the press spells them (num2words: مائة، مئتا، ثلاثمائة)
                  "مئة": 100, "مئتان": 200, "مئتين": 200, "مئتي": 200, "مائتان": 200,
                  "مائتين": 200, "مائتي": 200, "مائتا": 200, "ثلاثمئة": 300, "أربعمئة": 400,
                  "خمسمئة": 500, "ستمئة": 600, "سبعمئة": 700, "ثمانمئة": 800, "تسعمئة": 900,
                  # the duals of the scale words, in every case (two thousand, million,
                  # billion: "ملياري فرنك")
                  "ألفان": 2000, "ألفين": 2000, "ألفي": 2000, "مليونان": 2_000_000,
                  "مليونين": 2_000_000, "مليوني": 2_000_000, "ملياران": 2_000_000_000,
                  "مليارين": 2_000_000_000, "ملياري": 2_000_000_000},
    # durations: one and two are the noun itself ("يوم", "يومان": Arabic puts no figure 1 or 2
    # before a counted noun), the dual in its oblique case, which a duration in news copy
    # nearly always takes ("لمدة يومين", "بعد سنتين", "حكم عليه بالسجن سنتين", "طفل عمره
    # سنتان" is the rarer nominative); the QA reads every case, and "عام" for a year
    duration_words=True,
    dual_oblique=("ان", "ين"),
    singular_accusative=(r"(?<!ة)$", "ا"),  # "استمر يوما": the alif (none after ة: "ساعة")
    unit_words={"عام": ("duration-year", 1), "عامان": ("duration-year", 2)},
)
