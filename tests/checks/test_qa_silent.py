"""A QA that is right when it speaks (issue 21): `locpipe qa` over PO files holding correct
French and Arabic translations of fresh wire sentences raises no error and no warning, and
every check of the registry (locpipe.checks.CHECKS) is shown firing on a faulty translation of
one of those sentences and silent on the correct one.

The sentences were written for this test (sports, markets, weather, elections, disasters, a
CMS page) with the translations a careful desk translator would write: CLDR forms ("-14 °C",
"3,4 milliards de dollars", "XIVe siècle"), Arabic with Latin digits as the product writes by
default and, for some, with Arabic-Indic digits as a translator may type them. Correct
translations the QA still flags because of how values are *detected or read*
(locpipe/rules/numbers/, owned by the values work) are listed in DETECTION_GAPS as strict
xfails naming the value class.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import polib
import pytest
from babel.dates import format_interval
from babel.numbers import format_currency, format_decimal, format_percent, list_currencies
from babel.units import format_unit
from hypothesis import given, settings
from hypothesis import strategies as st

from locpipe import checks
from locpipe.checks import Pair
from locpipe.cli import app
from locpipe.context import Settings
from locpipe.formats.glossary import load_found
from locpipe.markup import merged_note
from tests.po_workflow import runner

ROOT = Path(__file__).resolve().parent.parent.parent
GLOSSARY_DIR = ROOT / "glossary"  # the starter newsroom glossary
GLOSSARY = load_found([GLOSSARY_DIR])
SETTINGS = Settings(targets=["fr", "ar"])
NNBSP = "\u202f"


@dataclass(frozen=True)
class Case:
    id: str
    classes: str  # the value classes and QA traps the sentence carries
    en: str
    fr: str
    ar: str


CASES = [
    # --- sports
    Case("marathon", "durations (race time, min+s), ordinals",
         "Chebet won the Valencia marathon in 2:17:49, while Ruto came home 12th, 3 min 40 s "
         "behind.",
         "Chebet a remporté le marathon de Valence en 2 h 17 min 49 s, tandis que Ruto a "
         "terminé 12e, à 3 min 40 s.",
         "فازت شيبيت بماراثون فالنسيا في 2:17:49، فيما حلّ روتو في المركز الـ12 متأخرا بـ3 د "
         "40 ث."),
    Case("derby", "scores, ordinals (minute)",
         "Lyon beat Nantes 3-1 on Sunday, with Diallo scoring in the 52nd minute; the sides drew "
         "2-2 in April.",
         "Lyon a battu Nantes 3-1 dimanche, Diallo marquant à la 52e minute ; les deux équipes "
         "avaient fait match nul 2-2 en avril.",
         "تغلب ليون على نانت 3-1 يوم الأحد، وسجل ديالو في الدقيقة الـ52؛ وكان الفريقان قد "
         "تعادلا 2-2 في أبريل."),
    Case("table", "signed values (+, U+2212), ordinal in words",
         "Arsenal top the table on 54 points (+31), with Villa fifth on 44 (−2).",
         "Arsenal mène le classement avec 54 points (+31), devant Villa, cinquième avec 44 "
         "points (−2).",
         "يتصدر أرسنال الترتيب برصيد 54 نقطة (+31)، فيما يحتل فيلا المركز الخامس برصيد 44 "
         "نقطة (-2)."),
    Case("relay", "season, score, race time with hundredths, relay",
         "The 2025/26 season opened with a 1-1 draw, and Kenya won the 4x400m relay in 2:58.07.",
         "La saison 2025-2026 s’est ouverte sur un match nul 1-1, et le Kenya a remporté le "
         "relais 4 × 400 m en 2:58,07.",
         "افتُتح موسم 2025/26 بتعادل 1-1، وفازت كينيا بسباق التتابع 4 × 400 متر في 2:58.07."),
    Case("chant", "repetition the source has (a chant)",
         "Fans chanted “Champions, champions, champions” as the 1-0 win was sealed.",
         "Les supporters scandaient « Champions, champions, champions » tandis que la victoire "
         "1-0 se dessinait.",
         "هتف المشجعون «أبطال، أبطال، أبطال» مع حسم الفوز 1-0."),
    # --- markets
    Case("shares", "percentages, currency symbol, scale, quarter",
         "Shares of Norvik rose 4.6% to €38.20 after second-quarter revenue climbed to "
         "$3.4 billion, up 12% from Q2 2025.",
         f"L’action Norvik a gagné 4,6{NNBSP}% à 38,20{NNBSP}€ après que le chiffre d’affaires "
         "du deuxième trimestre a atteint 3,4 milliards de dollars, en hausse de 12"
         f"{NNBSP}% par rapport au T2 2025.",
         "ارتفع سهم نورفيك 4.6% إلى 38.20 يورو بعد أن صعدت إيرادات الربع الثاني إلى 3.4 مليار "
         "دولار، بزيادة 12% عن الربع الثاني من 2025."),
    Case("rates", "basis points, yen",
         "The central bank cut its key rate by 25 basis points to 3.75%, and the yen weakened "
         "to ¥152.40 per dollar.",
         "La banque centrale a abaissé son taux directeur de 25 points de base à 3,75"
         f"{NNBSP}%, et le yen a reculé à 152,40 yens pour un dollar.",
         "خفض البنك المركزي سعر الفائدة الرئيسي 25 نقطة أساس إلى 3.75%، وتراجع الين إلى 152.40 "
         "ين للدولار."),
    Case("currencies", "crore, currency codes, scale abbreviations",
         "Tata will invest ₹40 crore while Swiss Re set aside CHF 2bn and £720m.",
         "Tata investira 400 millions de roupies tandis que Swiss Re a mis de côté 2 milliards "
         "de francs suisses et 720 millions de livres sterling.",
         "ستستثمر تاتا 400 مليون روبية بينما خصصت Swiss Re 2 مليار فرنك سويسري و720 مليون "
         "جنيه إسترليني."),
    Case("reinsurers", "a short sentence whose amounts a translator writes out",
         "Swiss Re set aside CHF 2bn and £720m.",
         "Swiss Re a mis de côté 2 milliards de francs suisses et 720 millions de livres "
         "sterling.",
         "خصصت Swiss Re 2 مليار فرنك سويسري و720 مليون جنيه إسترليني."),
    Case("results", "quarter in words, half-year, fiscal year",
         "Profit fell 8% in the third quarter, H1 sales rose and FY2026 guidance was kept.",
         f"Le bénéfice a reculé de 8{NNBSP}% au troisième trimestre, les ventes du S1 ont "
         "progressé et les prévisions pour l’exercice 2026 ont été maintenues.",
         "تراجع الربح 8% في الربع الثالث، وارتفعت مبيعات النصف الأول، وأُبقي على توقعات السنة "
         "المالية 2026."),
    Case("q2", "a quarter written out in a short sentence",
         "Sales rose 12% in Q2.",
         f"Les ventes ont progressé de 12{NNBSP}% au deuxième trimestre.",
         "ارتفعت المبيعات 12% في الربع الثاني."),
    Case("reinsurers-ar", "company names kept in Latin script, joined to the conjunction",
         "Shares of Swiss Re, Munich Re and Hannover Re fell 3% on Tuesday.",
         f"Les actions de Swiss Re, Munich Re et Hannover Re ont reculé de 3{NNBSP}% mardi.",
         "تراجعت أسهم Swiss Re وMunich Re وHannover Re بنسبة 3% يوم الثلاثاء."),
    Case("handsets", "product names and model numbers kept in Latin script",
         "Apple's iPhone 16 Pro Max outsold the Galaxy S25 Ultra in March.",
         "L’iPhone 16 Pro Max d’Apple s’est mieux vendu que le Galaxy S25 Ultra en mars.",
         "تفوقت مبيعات iPhone 16 Pro Max من آبل على Galaxy S25 Ultra في مارس."),
    # --- weather
    Case("cold", "glued temperature, speed, unit range",
         "Temperatures will drop to -14°C overnight, with winds of 70 km/h and 15-25 cm of snow "
         "on the passes.",
         f"Les températures descendront à -14{NNBSP}°C dans la nuit, avec des vents de 70"
         f"{NNBSP}km/h et 15 à 25{NNBSP}cm de neige sur les cols.",
         "ستنخفض درجات الحرارة إلى -14 درجة مئوية ليلا، مع رياح سرعتها 70 كم/س وتساقط 15-25 سم "
         "من الثلوج على الممرات الجبلية."),
    Case("hurricane", "imperial units kept imperial",
         "Hurricane Dora brought 110 mph winds and 8 inches of rain to the coast.",
         f"L’ouragan Dora a apporté des vents de 110{NNBSP}mi/h et 8 pouces de pluie sur la "
         "côte.",
         "جلب الإعصار دورا رياحا بسرعة 110 ميل/س و8 بوصات من الأمطار إلى الساحل."),
    Case("islands", "a doubled place name, transliterated",
         "The storm cut power on Bora Bora and Pago Pago for 36 hours.",
         "La tempête a privé Bora Bora et Pago Pago d’électricité pendant 36 heures.",
         "قطعت العاصفة الكهرباء عن بورا بورا وباغو باغو لمدة 36 ساعة."),
    # --- elections
    Case("polls", "number range, per cent in words, percentage points",
         "Polls give the Greens between 48 and 52 seats, and turnout reached 61.3 per cent, up "
         "4.1 percentage points.",
         "Les sondages donnent aux Verts entre 48 et 52 sièges, et la participation a atteint "
         f"61,3{NNBSP}%, en hausse de 4,1 points de pourcentage.",
         "تمنح استطلاعات الرأي حزب الخضر ما بين 48 و52 مقعدا، وبلغت نسبة المشاركة 61.3%، "
         "بارتفاع 4.1 نقطة مئوية."),
    Case("postal", "numbers and fractions in words",
         "Nearly three-quarters of voters backed the reform, and two million ballots were cast "
         "by post.",
         "Près des trois quarts des électeurs ont soutenu la réforme, et deux millions de "
         "bulletins ont été envoyés par la poste.",
         "أيد نحو ثلاثة أرباع الناخبين الإصلاح، وأُرسل مليونا بطاقة اقتراع بالبريد."),
    Case("closing", "times with a.m./p.m. and zones",
         "Polls close at 8 p.m. CET (1900 GMT) and results are due by 11:30 p.m.",
         "Les bureaux de vote ferment à 20 h (19 h GMT) et les résultats sont attendus d’ici "
         "23 h 30.",
         "تغلق مراكز الاقتراع في الساعة 8 مساء بتوقيت وسط أوروبا (19:00 بتوقيت غرينتش)، "
         "ويُنتظر صدور النتائج بحلول 11:30 ليلا."),
    Case("voting-ends", "a zone a translator writes out, in a short sentence",
         "Voting ends at 8:15 p.m. EST.",
         "Le vote prend fin à 20 h 15, heure de New York.",
         "ينتهي التصويت في الساعة 8:15 مساء بتوقيت شرق الولايات المتحدة."),
    Case("allies", "country codes written out",
         "The US and UK voted against the motion, 312-198.",
         "Les États-Unis et le Royaume-Uni ont voté contre la motion, par 312 voix contre 198.",
         "صوتت الولايات المتحدة والمملكة المتحدة ضد المذكرة، بأغلبية 312 صوتا مقابل 198."),
    # --- disasters
    Case("quake", "magnitude, time with zone",
         "A magnitude-6.8 earthquake struck at 3:42 a.m. local time (1942 GMT), killing at "
         "least 214 people, the USGS said.",
         "Un séisme de magnitude 6,8 s’est produit à 3 h 42 heure locale (19 h 42 GMT), "
         "faisant au moins 214 morts, selon l’USGS.",
         "ضرب زلزال بقوة 6.8 درجات في الساعة 3:42 صباحا بالتوقيت المحلي (19:42 بتوقيت "
         "غرينتش)، ما أسفر عن مقتل 214 شخصا على الأقل، وفقا لهيئة المسح الجيولوجي الأميركية."),
    Case("appeal", "scales, currency names, glossary acronym (UN)",
         "The World Bank pledged $150 million and the UN appealed for 2.3 billion dollars to "
         "help 4.2 million displaced people.",
         "La Banque mondiale a promis 150 millions de dollars et l’ONU a lancé un appel de 2,3 "
         "milliards de dollars pour aider 4,2 millions de déplacés.",
         "تعهد البنك الدولي بتقديم 150 مليون دولار وناشدت الأمم المتحدة جمع 2.3 مليار دولار "
         "لمساعدة 4.2 مليون نازح."),
    Case("damage", "per cent in words, grouping, Arabic plural of a scale",
         "Thirty per cent of the 1,200 homes were destroyed, and 7 million people need aid.",
         f"Trente pour cent des 1{NNBSP}200 logements ont été détruits et 7 millions de "
         "personnes ont besoin d’aide.",
         "دُمّر 30% من المنازل البالغ عددها 1,200 منزل، ويحتاج 7 ملايين شخص إلى المساعدة."),
    Case("relief", "glossary acronyms a translation writes out",
         "WHO and ICRC teams reached Idlib.",
         "Des équipes de l’OMS et du CICR sont arrivées à Idleb.",
         "وصلت فرق منظمة الصحة العالمية واللجنة الدولية للصليب الأحمر إلى إدلب."),
    Case("flight", "identifiers (flight, model)",
         "The crew of flight LX318, an Airbus A220-300, landed safely in Geneva.",
         "L’équipage du vol LX318, un Airbus A220-300, s’est posé sans encombre à Genève.",
         "هبط طاقم الرحلة LX318، وهي طائرة إيرباص A220-300، بسلام في جنيف."),
    Case("citadel", "century, decade, ordinal",
         "The 14th-century citadel, restored in the late 1990s, reopened for its 800th "
         "anniversary.",
         "La citadelle du XIVe siècle, restaurée à la fin des années 1990, a rouvert pour son "
         "800e anniversaire.",
         "أعيد افتتاح القلعة التي تعود إلى القرن الرابع عشر، والتي رُممت في أواخر التسعينيات، "
         "في ذكراها الـ800."),
    Case("summit", "date range, budget year",
         "The summit runs March 3–5, 2026 in Geneva, and the 2026/27 budget will be debated in "
         "October.",
         "Le sommet se tient du 3 au 5 mars 2026 à Genève, et le budget 2026-2027 sera débattu "
         "en octobre.",
         "تُعقد القمة في جنيف من 3 إلى 5 مارس 2026، وستجري مناقشة ميزانية 2026/27 في أكتوبر."),
    # --- glossary, names, acronyms
    Case("dateline", "dateline city in capitals, glossary name",
         "ALEPPO, Syria (AFP) — Shelling hit eastern Aleppo on Monday, the Syrian Observatory "
         "for Human Rights said.",
         "ALEP, Syrie (AFP) — Des bombardements ont frappé l’est de la ville lundi, selon "
         "l’Observatoire syrien des droits de l’homme.",
         "حلب، سوريا (وكالة فرانس برس) — طال قصف شرق المدينة يوم الاثنين، بحسب المرصد السوري "
         "لحقوق الإنسان."),
    Case("envoys", "acronyms the glossary maps (EU, NATO, WFP, WHO)",
         "EU and NATO envoys met WFP and WHO officials in Brussels on Friday.",
         "Des émissaires de l’UE et de l’Otan ont rencontré vendredi à Bruxelles des "
         "responsables du PAM et de l’OMS.",
         "التقى مبعوثو الاتحاد الأوروبي وحلف شمال الأطلسي مسؤولين من برنامج الأغذية العالمي "
         "ومنظمة الصحة العالمية في بروكسل يوم الجمعة."),
    Case("hunger", "acronym defined after its name, Arabic writes it once",
         "The World Food Programme (WFP) said 1.1 million people in Idlib face hunger.",
         "Le Programme alimentaire mondial (PAM) a indiqué que 1,1 million de personnes à Idleb "
         "souffrent de la faim.",
         "قال برنامج الأغذية العالمي إن 1.1 مليون شخص في إدلب يواجهون الجوع."),
    Case("villages", "possessive on a glossary name, acronym after its name",
         "Assad's forces shelled two villages, the Syrian Observatory for Human Rights (SOHR) "
         "reported.",
         "Les forces d’Assad ont bombardé deux villages, a rapporté l’Observatoire syrien des "
         "droits de l’homme (OSDH).",
         "قصفت قوات الأسد قريتين، بحسب المرصد السوري لحقوق الإنسان."),
    Case("setlist", "English titles kept in quotes",
         "The band closed with “Dancing in the Dark” and “Born to Run” in Lyon.",
         "Le groupe a terminé par « Dancing in the Dark » et « Born to Run » à Lyon.",
         "اختتمت الفرقة حفلها في ليون بأغنيتي «Dancing in the Dark» و«Born to Run»."),
    Case("debate", "numbers in words, abbreviations that are common nouns (MPs, TV)",
         "Forty MPs walked out of the TV debate, watched by 6.2 million viewers.",
         "Quarante députés ont quitté le débat télévisé, suivi par 6,2 millions de "
         "téléspectateurs.",
         "انسحب أربعون نائبا من المناظرة التلفزيونية التي تابعها 6.2 مليون مشاهد."),
    Case("memoir", "ISBN, grouping, ordinal in words",
         "Her memoir (ISBN 978-2-07-041239-1) has sold 85,000 copies since its 2nd printing.",
         f"Ses mémoires (ISBN 978-2-07-041239-1) se sont vendus à 85{NNBSP}000 exemplaires "
         "depuis leur deuxième tirage.",
         "بيع من مذكراتها (ISBN 978-2-07-041239-1) 85,000 نسخة منذ طبعتها الثانية."),
    Case("jets", "model identifiers, hashtag",
         "A Su-24 and two MiG-29s took off from Hmeimim as #SyriaNow trended.",
         "Un Su-24 et deux MiG-29 ont décollé de Hmeimim tandis que #SyriaNow était en "
         "tendance.",
         "أقلعت طائرة Su-24 وطائرتان MiG-29 من حميميم فيما تصدّر وسم #SyriaNow."),
    Case("penalties", "scores, age, ordinal minute",
         "Spain won 4-2 on penalties after a 1-1 draw, with Ruiz, 34, scoring in the 118th "
         "minute.",
         "L’Espagne s’est imposée aux tirs au but (4-2) après un match nul 1-1, Ruiz, 34 ans, "
         "ayant marqué à la 118e minute.",
         "فازت إسبانيا بركلات الترجيح 4-2 بعد التعادل 1-1، وسجل رويس (34 عاما) في الدقيقة "
         "الـ118."),
    Case("growth", "quarters in words, a negative percentage",
         "Growth slowed to 0.2% in Q3 from 0.5% in Q2, after exports fell -0.4% in June.",
         f"La croissance a ralenti à 0,2{NNBSP}% au troisième trimestre, contre 0,5{NNBSP}% au "
         f"deuxième, après un recul des exportations de -0,4{NNBSP}% en juin.",
         "تباطأ النمو إلى 0.2% في الربع الثالث من 0.5% في الربع الثاني، بعد تراجع الصادرات "
         "-0.4% في يونيو."),
    Case("launch", "time with UTC, weekday date",
         "The launch is set for 14:05 UTC on Friday, Jan. 16.",
         "Le lancement est prévu le vendredi 16 janvier à 14 h 05 UTC.",
         "من المقرر الإطلاق يوم الجمعة 16 يناير الساعة 14:05 بتوقيت غرينتش."),
    Case("seizure", "masses, glued unit",
         "Police seized 1.2 tonnes of cocaine and 340kg of cannabis near Marseille.",
         f"La police a saisi 1,2 tonne de cocaïne et 340{NNBSP}kg de cannabis près de Marseille.",
         "ضبطت الشرطة 1.2 طن من الكوكايين و340 كغ من القنب قرب مرسيليا."),
    Case("layoffs", "a fraction in words",
         "Nearly two-thirds of the 900 staff will go by 2027.",
         "Près des deux tiers des 900 salariés partiront d’ici 2027.",
         "سيغادر نحو ثلثي الموظفين البالغ عددهم 900 بحلول 2027."),
    Case("heat", "Fahrenheit kept, Celsius beside it",
         "It was 104F (40C) in Phoenix on Sunday.",
         f"Il faisait 104{NNBSP}°F (40{NNBSP}°C) à Phoenix dimanche.",
         "بلغت الحرارة 104 درجات فهرنهايت (40 درجة مئوية) في فينيكس يوم الأحد."),
    # --- a CMS page
    Case("live", "markup, URL followed by an Arabic comma",
         "<1>Live:</1> follow the count at https://elections.example.org/results, updated "
         "every 15 minutes.",
         "<1>En direct :</1> suivez le dépouillement sur https://elections.example.org/results, "
         "mis à jour toutes les 15 minutes.",
         "<1>مباشر:</1> تابعوا فرز الأصوات على https://elections.example.org/results، مع "
         "تحديث كل 15 دقيقة."),
    Case("map", "URL at the end of a sentence, void tag",
         "Full results, by region, are at <2/>https://elections.example.org/map.",
         "Les résultats complets, par région, sont sur <2/>https://elections.example.org/map.",
         "النتائج الكاملة، حسب المنطقة، متاحة على <2/>https://elections.example.org/map."),
    Case("guide", "URL before an Arabic question mark, in quotes",
         "Have you read the guide at “https://elections.example.org/guide”?",
         "Avez-vous lu le guide sur « https://elections.example.org/guide » ?",
         "هل قرأتم الدليل على «https://elections.example.org/guide»؟"),
    Case("rations", "an acronym in <abbr> after its name: Arabic writes the name once, in it",
         "The World Food Programme (<1>WFP</1>) will cut rations for 1.1 million people from "
         "June.",
         "Le Programme alimentaire mondial (<1>PAM</1>) réduira les rations de 1,1 million de "
         "personnes à partir de juin.",
         "سيخفض <1>برنامج الأغذية العالمي</1> الحصص الغذائية لـ1.1 مليون شخص اعتبارا من يونيو."),
    Case("contact", "e-mail in markup, phone number",
         "Send corrections to <1>desk@newsroom.example</1> or call +44 20 7946 0958.",
         "Envoyez vos corrections à <1>desk@newsroom.example</1> ou appelez le +44 20 7946 0958.",
         "أرسلوا التصويبات إلى <1>desk@newsroom.example</1> أو اتصلوا بالرقم +44 20 7946 0958."),
    Case("updated", "CMS timestamp: time with a.m. and zone, date",
         "<1>Updated</1> 10:05 a.m. EST, March 3, 2026",
         "<1>Mis à jour</1> le 3 mars 2026 à 10 h 05, heure de New York",
         "<1>آخر تحديث</1> 3 مارس 2026، الساعة 10:05 صباحا بتوقيت شرق الولايات المتحدة"),
    Case("app", "a clitic joined to a Latin name by a tatweel",
         "The desk's new app was built for iPad and Android tablets.",
         "La nouvelle application de la rédaction a été conçue pour l’iPad et les tablettes "
         "Android.",
         "صُمم تطبيق غرفة الأخبار الجديد لـiPad والأجهزة اللوحية العاملة بنظام Android."),
]

# Arabic translations typed with Arabic-Indic digits (a translator may; the QA accepts both).
AR_NATIVE = {
    "derby": "تغلب ليون على نانت ٣-١ يوم الأحد، وسجل ديالو في الدقيقة الـ٥٢؛ وكان الفريقان قد "
             "تعادلا ٢-٢ في أبريل.",
    "shares": "ارتفع سهم نورفيك ٤٫٦٪ إلى ٣٨٫٢٠ يورو بعد أن صعدت إيرادات الربع الثاني إلى ٣٫٤ "
              "مليار دولار، بزيادة ١٢٪ عن الربع الثاني من ٢٠٢٥.",
    "table": "يتصدر أرسنال الترتيب برصيد ٥٤ نقطة (+٣١)، فيما يحتل فيلا المركز الخامس برصيد ٤٤ "
             "نقطة (-٢).",
    "cold": "ستنخفض درجات الحرارة إلى -١٤ درجة مئوية ليلا، مع رياح سرعتها ٧٠ كم/س وتساقط "
            "١٥-٢٥ سم من الثلوج على الممرات الجبلية.",
    "damage": "دُمّر ٣٠٪ من المنازل البالغ عددها ١٬٢٠٠ منزل، ويحتاج ٧ ملايين شخص إلى المساعدة.",
    "quake": "ضرب زلزال بقوة ٦٫٨ درجات في الساعة ٣:٤٢ صباحا بالتوقيت المحلي (١٩:٤٢ بتوقيت "
             "غرينتش)، ما أسفر عن مقتل ٢١٤ شخصا على الأقل، وفقا لهيئة المسح الجيولوجي "
             "الأميركية.",
    "flight": "هبط طاقم الرحلة LX318، وهي طائرة إيرباص A220-300، بسلام في جنيف.",
    "summit": "تُعقد القمة في جنيف من ٣ إلى ٥ مارس ٢٠٢٦، وستجري مناقشة ميزانية ٢٠٢٦/٢٧ في "
              "أكتوبر.",
}

# Correct translations still flagged because of how the value is detected in the source or
# read in the translation (locpipe/rules/numbers/, the values work): the class is named.
DETECTION_GAPS: list[tuple[str, str, str, str]] = []  # none left: see CLOSED_GAPS


def _po(path: Path, lang: str, entries: list[tuple[str, str, str, str]],
        options: dict | None = None) -> Path:
    """A PO file as an editor leaves it: (id, English, translation, `#.` note) per entry,
    reviewed (no fuzzy flag); `options` as the run that made it recorded them."""
    po = polib.POFile()
    po.metadata = {"Content-Type": "text/plain; charset=UTF-8", "Language": lang}
    if options is not None:
        po.metadata["X-Locpipe-Options"] = json.dumps(options)
    for ctxt, msgid, msgstr, note in entries:
        po.append(polib.POEntry(msgctxt=ctxt, msgid=msgid, msgstr=msgstr, comment=note))
    path.parent.mkdir(parents=True, exist_ok=True)
    po.save(str(path))
    return path


def _qa(*paths: Path) -> tuple[int, dict]:
    result = runner.invoke(app, ["qa", *map(str, paths), "--glossary", str(GLOSSARY_DIR),
                                 "--format", "json"])
    return result.exit_code, json.loads(result.stdout)


def _findings(data: dict) -> list[str]:
    return [f"{x['segment_id']} [{x['lang']}] {x['severity']} {x['check']}: {x['message']}"
            for x in data["findings"]]


@pytest.fixture(autouse=True)
def _elsewhere(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # the glossary is the one given to qa, nothing found around


def test_qa_is_silent_on_correct_translations_of_every_sentence(tmp_path):
    entries = {lang: [(f"desk:{i}.1", c.en, getattr(c, lang), "") for i, c in enumerate(CASES, 1)]
               for lang in ("fr", "ar")}
    native = [(f"desk:{i}.1", c.en, AR_NATIVE[c.id], "") for i, c in enumerate(CASES, 1)
              if c.id in AR_NATIVE]
    files = [_po(tmp_path / "desk" / "fr.po", "fr", entries["fr"]),
             _po(tmp_path / "desk" / "ar.po", "ar", entries["ar"]),
             # the same Arabic typed with Arabic-Indic digits, in a run made with Latin digits
             # and in one made with --digits arab
             _po(tmp_path / "desk-native" / "ar.po", "ar", native),
             _po(tmp_path / "desk-arab" / "ar.po", "ar", native, {"digits": "arab"})]
    code, data = _qa(*files)
    assert _findings(data) == []
    assert code == 0
    assert data["segments"] == 2 * len(CASES) + 2 * len(native)


@pytest.mark.parametrize("lang", ["fr", "ar"])
@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_no_check_speaks_on_a_correct_translation(case, lang):
    """The same, one sentence at a time (a failure names the sentence and the check)."""
    result = checks.check_pair(Pair(case.en, getattr(case, lang), lang, settings=SETTINGS,
                                    glossary=GLOSSARY))
    assert [(c.name, m) for c, m in result.findings] == []


def _case(case_id: str) -> Case:
    return next(c for c in CASES if c.id == case_id)


# For every check of the registry: a sentence of the table, its language, a faulty
# translation that check must flag, and (optionally) the `#.` note of the entry. The correct
# translation of the same sentence is the table's.
NESTED = merged_note(["em"], 32)
FAULTS: dict[str, tuple[str, str, str, str]] = {
    "empty": ("derby", "fr", "", ""),
    "numbers": ("damage", "fr",  # a reviewer's round figure for the source's exact one
                "Trente pour cent des 1 500 logements ont été détruits et 7 millions de "
                "personnes ont besoin d’aide.", ""),
    "terms": ("summit", "fr", "Le sommet se tient du 3 au 5 mars 2026 à Geneva, et le budget "
              "2026-2027 sera débattu en octobre.", ""),
    "markup": ("live", "ar", "مباشر: تابعوا فرز الأصوات على https://elections.example.org/"
               "results، مع تحديث كل 15 دقيقة.", ""),
    "nesting": ("live", "fr", _case("live").fr, NESTED),
    "untranslated": ("hurricane", "fr", "L’ouragan Dora brought 110 mph winds and 8 inches "
                     "of rain to the coast.", ""),
    "length": ("polls", "fr", "Les sondages donnent aux Verts entre 48 et 52 sièges.", ""),
    "repetition": ("islands", "ar", "قطعت العاصفة الكهرباء عن بورا بورا وباغو باغو لمدة 36 "
                   "ساعة لمدة ساعة لمدة ساعة لمدة ساعة.", ""),
    "punctuation": ("rates", "ar", "خفض البنك المركزي سعر الفائدة الرئيسي 25 نقطة أساس إلى "
                    "3.75%، وتراجع الين إلى 152.40 ين للدولار", ""),
    "mixed_script": ("appeal", "ar", "تعهد البنك الدولي بتقديم 150 مليون دولار وناشدت الأممUN "
                     "المتحدة جمع 2.3 مليار دولار لمساعدة 4.2 مليون نازح.", ""),
    "doubled_punctuation": ("guide", "ar", "هل قرأتم الدليل على "
                            "«https://elections.example.org/guide»؟?", ""),
    "urls": ("map", "fr", "Les résultats complets, par région, sont sur "
             "<2/>https://elections.example.org/maps.", ""),
    "acronyms": ("quake", "fr", "Un séisme de magnitude 6,8 s’est produit à 3 h 42 heure "
                 "locale (19 h 42 GMT), faisant au moins 214 morts.", ""),
    "doubled_words": ("cold", "fr", f"Les températures descendront à -14{NNBSP}°C dans la "
                      f"la nuit, avec des vents de 70{NNBSP}km/h et 15 à 25{NNBSP}cm de neige "
                      "sur les cols.", ""),
}


def test_every_check_of_the_registry_has_a_fault_and_a_silence_case():
    assert set(FAULTS) == set(checks.CHECKS), (
        "a check without a case here: add a sentence where it fires on a faulty translation")


@pytest.mark.parametrize("name", sorted(FAULTS))
def test_each_check_fires_on_the_fault_and_not_on_the_correct_translation(name, tmp_path):
    case_id, lang, wrong, note = FAULTS[name]
    case = _case(case_id)
    right = getattr(case, lang)
    # nesting speaks of the source as read (the reader merged nested elements and said so in
    # the note): its silence case is the same sentence read whole, with no such note
    right_note = "" if name == "nesting" else note
    po = _po(tmp_path / "fault" / f"{lang}.po", lang,
             [("fault:1.1", case.en, wrong, note), ("fault:2.1", case.en, right, right_note)])
    code, data = _qa(po)
    fired = {(x["segment_id"], x["check"]) for x in data["findings"]}
    assert ("fault:1.1", name) in fired, _findings(data)
    assert not [f for f in _findings(data) if f.startswith("fault:2.1")]
    if checks.CHECKS[name].severity == "error":
        assert code == 1


def test_a_reviewers_round_figure_is_still_caught():
    """Values are compared as values, not spellings: 35 000 is not 30,000."""
    src = "About 30,000 people fled the floods."
    assert checks.check_pair(Pair(src, f"Environ 35{NNBSP}000 personnes ont fui les crues.",
                                  "fr", settings=SETTINGS), ["numbers"]).findings
    assert not checks.check_pair(Pair(src, f"Environ 30{NNBSP}000 personnes ont fui les crues.",
                                      "fr", settings=SETTINGS), ["numbers"]).findings


# Gaps closed by the identifiers work (a version after a software's name is a code, kept as
# written) and by reading values back (the AFP clock, scale abbreviations, Arabic number
# words, full figures): silent now, and kept here so they stay closed.
CLOSED_GAPS = [
    ("The tablets run iOS 17.4.", "fr", "Les tablettes tournent sous iOS 17.4."),
    ("Phones on Android 15.1 got the patch.", "fr",
     "Les téléphones sous Android 15.1 ont reçu le correctif."),
    # closed by reading values back (rules/numbers/read.py; the wrong value in each form is
    # still caught: tests/rules/test_values_readback.py)
    ("The quake struck at 1942 GMT.", "fr", "Le séisme s’est produit à 19H42 GMT."),
    ("Tata will invest ₹40 crore.", "fr", "Tata investira 40 crores de roupies."),
    ("Swiss Re set aside £720m.", "fr", "Swiss Re a mis de côté 720 M£."),
    ("Okoro ran 1:58.40.", "fr", "Okoro a couru en 1 min 58 s 40."),
    ("Swiss Re set aside CHF 2bn.", "ar", "خصصت Swiss Re ملياري فرنك سويسري."),
    ("The plan costs $1 billion.", "ar", "تبلغ كلفة الخطة مليار دولار."),
    ("More than 50,000 fled.", "ar", "فرّ أكثر من خمسين ألفا."),
    ("Aid reached 2.5 million people.", "fr", "L’aide a atteint 2\u202f500\u202f000 personnes."),
    ("Aid reached 2.5 million people.", "fr", "L’aide a atteint 2,5 M de personnes."),
    # and by detecting the source's form (a race named by its distance, "12 noon")
    ("Okoro's 800m record still stands.", "fr", "Le record d’Okoro sur 800 m tient toujours."),
    ("Polls open at 12 noon.", "fr", "Les bureaux ouvrent à 12 h."),
    # and by reading Arabic days and hours in words (the profile's words, CLDR's day periods)
    ("The truce began on March 1.", "ar", "بدأت الهدنة في الأول من مارس."),
    ("Voting ends at 8 p.m.", "ar", "ينتهي التصويت في الثامنة مساء."),
]


@pytest.mark.parametrize(("en", "lang", "target"), CLOSED_GAPS)
def test_a_version_kept_as_written_is_accepted(en, lang, target):
    result = checks.check_pair(Pair(en, target, lang, settings=SETTINGS, glossary=GLOSSARY))
    assert [(c.name, m) for c, m in result.findings] == []


@pytest.mark.parametrize(("gap", "en", "lang", "target"), DETECTION_GAPS,
                         ids=[g[0].split(":")[0] + "-" + str(i)
                              for i, g in enumerate(DETECTION_GAPS)])
def test_correct_translations_the_value_detection_still_flags(gap, en, lang, target, request):
    request.applymarker(pytest.mark.xfail(strict=True, reason=gap))
    result = checks.check_pair(Pair(en, target, lang, settings=SETTINGS, glossary=GLOSSARY))
    assert [(c.name, m) for c, m in result.findings] == []


# --- generated values: Babel writes the correct form, the QA must accept it ---------------

AR_INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")


def _indic(text: str) -> str:
    """Arabic-Indic digits with the Arabic decimal and group separators and per cent sign."""
    return re.sub(r"\d+(?:[.,]\d+)*%?", lambda m: m.group(0).translate(AR_INDIC).replace(".", "٫")
                  .replace(",", "٬").replace("%", "٪"), text)


def _silent(en: str, target: str, lang: str) -> bool:
    return not checks.check_pair(Pair(en, target, lang, settings=SETTINGS)).findings


@settings(max_examples=60, deadline=None, derandomize=True)
@given(n=st.integers(min_value=1_000, max_value=999_999_999),
       pct=st.decimals(min_value=Decimal("0.1"), max_value=Decimal("99.9"), places=1),
       temp=st.integers(min_value=-40, max_value=45))
def test_any_count_percentage_and_temperature_in_cldr_form_is_accepted(n, pct, temp):
    en = (f"Officials counted {n:,} displaced people, {pct}% of them children, as "
          f"temperatures fell to {temp}°C.")
    celsius = format_unit(temp, "temperature-celsius", locale="fr_FR", length="short")
    fr = (f"Les autorités ont recensé {format_decimal(n, locale='fr_FR')} déplacés, dont "
          f"{format_percent(pct / 100, '#,##0.0 %', locale='fr_FR')} d’enfants, alors que les "
          f"températures tombaient à {celsius}.")
    ar_num, ar_pct = format_decimal(n, locale="ar"), f"{pct}%"
    ar = (f"أحصت السلطات {ar_num} نازحا، {ar_pct} منهم أطفال، مع انخفاض درجات الحرارة إلى "
          f"{temp} درجة مئوية.")
    assert _silent(en, fr, "fr"), fr
    assert _silent(en, ar, "ar"), ar
    assert _silent(en, _indic(ar), "ar"), _indic(ar)
    changed = format_decimal(n + 1000, locale="fr_FR")
    assert not _silent(en, fr.replace(format_decimal(n, locale="fr_FR"), changed, 1), "fr")


@settings(max_examples=60, deadline=None, derandomize=True)
@given(start=st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2039, 12, 1)),
       days=st.integers(min_value=1, max_value=45))
def test_any_date_range_in_cldrs_interval_form_is_accepted(start, days):
    end = start + dt.timedelta(days=days)
    if end.year != start.year:
        end = dt.date(start.year, 12, 31)
    en = (f"{start:%B} {start.day}–{end.day}, {start.year}" if end.month == start.month
          else f"{start:%B} {start.day} to {end:%B} {end.day}, {start.year}")
    en = f"The festival runs {en} in the old city."
    fr = (f"Le festival se tient {format_interval(start, end, 'yMMMd', locale='fr_FR')} dans "
          "la vieille ville.")
    ar = f"يقام المهرجان {format_interval(start, end, 'yMMMd', locale='ar')} في المدينة القديمة."
    assert _silent(en, fr, "fr"), fr
    assert _silent(en, ar, "ar"), ar


UNITS = {"km": "length-kilometer", "kg": "mass-kilogram", "mph": "speed-mile-per-hour",
         "km/h": "speed-kilometer-per-hour", "cm": "length-centimeter", "miles": "length-mile",
         "tonnes": "mass-tonne", "litres": "volume-liter", "hectares": "area-hectare",
         "feet": "length-foot", "mm": "length-millimeter", "lb": "mass-pound",
         "gallons": "volume-gallon", "sq km": "area-square-kilometer"}


@settings(max_examples=60, deadline=None, derandomize=True)
@given(unit=st.sampled_from(sorted(UNITS)), tenths=st.integers(min_value=1, max_value=999_999),
       length=st.sampled_from(["short", "long"]))
def test_any_unit_and_value_in_cldr_form_is_accepted(unit, tenths, length):
    value = Decimal(tenths) / 10
    en = f"Officials measured {value:,} {unit} near the river."
    fr = format_unit(value, UNITS[unit], locale="fr_FR", length=length)
    ar = format_unit(value, UNITS[unit], locale="ar", length=length)
    assert _silent(en, f"Les autorités ont mesuré {fr} près du fleuve.", "fr"), fr
    assert _silent(en, f"قاس المسؤولون {ar} قرب النهر.", "ar"), ar


@settings(max_examples=60, deadline=None, derandomize=True)
@given(currency=st.sampled_from(sorted(c for c in list_currencies() if len(c) == 3)),
       amount=st.integers(min_value=1, max_value=9_999_999))
def test_any_amount_in_any_cldr_currency_is_accepted(currency, amount):
    """(Whole amounts: CLDR rounds a currency without decimals, which changes the value.)"""
    en = f"The fund paid {currency} {amount:,} to the families."
    fr = format_currency(amount, currency, locale="fr_FR")
    ar = format_currency(amount, currency, locale="ar")
    assert _silent(en, f"Le fonds a versé {fr} aux familles.", "fr"), fr
    assert _silent(en, f"دفع الصندوق {ar} للعائلات.", "ar"), ar
