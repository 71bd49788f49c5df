"""Every QA check is silent on a correct translation of the value sentences of issue 21's
second round (ordinals, centuries, fractions, unit ranges, magnitudes, points, half-years and
fiscal years, more units, phone layouts): French and Arabic written by hand, as a desk would."""

from __future__ import annotations

import pytest

from locpipe.context import Settings
from tests.rules.values_support import loud_findings, qa_over_po_files

S = Settings(targets=["fr", "ar"])

PAIRS = [
    ("Okafor came home 43rd, scored in the 88th minute and won her 2nd title.",
     "Okafor a terminé 43e, a marqué à la 88e minute et remporté son 2e titre.",
     "أنهت أوكافور السباق في المركز الـ43، وسجلت في الدقيقة الـ88 وفازت بلقبها الثاني."),
    ("A 17th-century mosque, damaged in the 20th century, reopened on its 301st birthday.",
     "Une mosquée du XVIIe siècle, endommagée au XXe siècle, a rouvert pour son 301e "
     "anniversaire.",
     "أعيد افتتاح مسجد يعود إلى القرن السابع عشر، تضرر في القرن العشرين، في ذكراه الـ301."),
    ("Stir in 1/2 cup of lentils, walk 10 1/2 miles, then rest 2½ hours with ¾ of the team.",
     "Incorporez 1/2 tasse de lentilles, marchez 10 1/2 miles, puis reposez-vous 2½ heures "
     "avec les ¾ de l’équipe.",
     "أضف 1/2 كوب من العدس، وامشِ 10 1/2 ميل، ثم استرح 2½ ساعة مع ¾ الفريق."),
    ("Forecasters expect 20-30 cm of snow and winds of 40–60 km/h.",
     "Les prévisionnistes attendent 20 à 30\u202fcm de neige et des vents de 40 à "
     "60\u202fkm/h.",
     "يتوقع خبراء الأرصاد تساقط 20-30 سم من الثلوج ورياحا بسرعة 40-60 كم/س."),
    ("A magnitude-6.4 quake followed a 5.9-magnitude tremor.",
     "Un séisme de magnitude 6,4 a suivi une secousse de magnitude 5,9.",
     "وقع زلزال بقوة 6.4 درجات بعد هزة بقوة 5.9 درجات."),
    ("The rate rose 0.75 percentage points, or 75 basis points, to 4.25%.",
     "Le taux a gagné 0,75 point de pourcentage, soit 75 points de base, à 4,25\u00a0%.",
     "ارتفع المعدل 0.75 نقطة مئوية، أي 75 نقطة أساس، إلى 4.25%."),
    ("Margins rose in H1, FY2026 guidance was cut, and H2 2025 sales matched FY 2024/25.",
     "Les marges ont progressé au S1, les prévisions pour l’exercice 2026 ont été abaissées "
     "et les ventes du S2 2025 ont égalé celles de l’exercice 2024/25.",
     "ارتفعت الهوامش في النصف الأول، وخُفّضت توقعات السنة المالية 2026، وجاءت مبيعات النصف "
     "الثاني من 2025 مطابقة للسنة المالية 2024/25."),
    ("The storm deepened to 948 mb as a 512 GB phone sold out and gusts hit 41 m/s.",
     "La tempête s’est creusée jusqu’à 948\u202fmbar tandis qu’un téléphone de 512\u202fGo "
     "était épuisé et que les rafales atteignaient 41\u202fm/s.",
     "تعمقت العاصفة إلى 948 مليبار بينما نفد هاتف بسعة 512 غيغابايت وبلغت الهبات 41 م/ث."),
    ("Call the Geneva desk on +41(0)225551234 or (+39) 06 6982-4400 before noon.",
     "Appelez la rédaction de Genève au +41(0)225551234 ou au (+39) 06 6982-4400 avant midi.",
     "اتصلوا بمكتب جنيف على الرقم +41(0)225551234 أو (+39) 06 6982-4400 قبل الظهر."),
    ("Rescuers needed 4h 20m to reach the 2025/26 training camp, where 40,000 people and "
     "3 clinics waited.",
     "Les secouristes ont mis 4 h 20 pour atteindre le camp d’entraînement 2025-2026, où "
     "attendaient 40\u202f000 personnes et trois dispensaires.",
     "احتاج المسعفون إلى 4 س 20 د للوصول إلى معسكر التدريب 2025/26، حيث كان ينتظر 40 ألف "
     "شخص وثلاث عيادات."),
    ("She anchored the 4x100m relay, born in the '60s.",
     "Elle a conclu le relais 4 × 100 m, née dans les années 60.",
     "أنهت سباق التتابع 4 × 100 متر، وهي من مواليد الستينيات."),
    # round 3: currency codes in treasury shorthand
    ("The fund booked 30 MUSD, paid AUD$ 15 a share and 75 USD million in all.",
     "Le fonds a enregistré 30 millions de dollars, versé 15 dollars australiens par action et "
     "75 millions de dollars au total.",
     "سجل الصندوق 30 مليون دولار، ودفع 15 دولار أسترالي للسهم و75 مليون دولار إجمالا."),
    # round 3: a month joined to its figures, "of" between day, month and year
    ("The permit was filed 07-Mar-2025 and lapsed Jan-2027; the mill opened in October of "
     "1911 and shut on the 2nd of June.",
     "Le permis a été déposé le 7 mars 2025 et a expiré en janvier 2027 ; l’usine a ouvert en "
     "octobre 1911 et fermé le 2 juin.",
     "قُدّم التصريح في 7 مارس 2025 وانتهت صلاحيته في يناير 2027؛ وافتُتح المصنع في أكتوبر "
     "1911 وأُغلق في 2 يونيو."),
    # round 3: currencies of the past, "de" after a French scale word
    ("The 1998 merger cost 310 million Dutch guilders and 4.2 billion pesetas.",
     "La fusion de 1998 a coûté 310 millions de florins néerlandais et 4,2 milliards de "
     "pesetas espagnoles.",
     "كلفت عملية الاندماج عام 1998 ما قيمته 310 ملايين جلدر هولندي و4.2 مليار بيزيتا إسبانية."),
    # round 3: a unit after a scaled figure
    ("The reservoir lost 3.1 billion gallons and growers expect 40 lakh tonnes.",
     "Le réservoir a perdu 3,1 milliards de gallons et les producteurs attendent 4 millions "
     "de tonnes.",
     "فقد الخزان 3.1 مليار غالون ويتوقع المزارعون 4 ملايين طن."),
    # round 3: thousands grouped by spaces
    ("The camp held 40 000 people and 1\u202f250\u202f000 litres of water.",
     "Le camp accueillait 40\u202f000 personnes et 1\u202f250\u202f000 litres d’eau.",
     "استقبل المخيم 40 ألف شخص و1,250,000 لتر من المياه."),
    # round 3: a range of clock times
    ("The clinic opens 8-11 a.m. and 2:30-5 pm on weekdays.",
     "La clinique ouvre de 8 h à 11 h et de 14 h 30 à 17 h en semaine.",
     "تفتح العيادة من 8 ص إلى 11 ص ومن 2:30 م إلى 5 م أيام الأسبوع."),
    # round 3: feet and inches
    ("The forward stands 6 feet 10 inches and the keeper 6 ft 1 in.",
     "L’attaquant mesure 6 pieds 10 pouces et le gardien 6 pi 1 po.",
     "يبلغ طول المهاجم 6 أقدام و10 بوصات وطول الحارس 6 أقدام وبوصة 1."),
    # round 3: a range of months
    ("Exports fell in March-May 2025.",
     "Les exportations ont reculé de mars à mai 2025.",
     "تراجعت الصادرات في الفترة من مارس إلى مايو 2025."),
]


@pytest.mark.parametrize("lang", ["fr", "ar"])
@pytest.mark.parametrize("pair", PAIRS, ids=[p[0][:30] for p in PAIRS])
def test_no_error_and_no_warning_on_a_correct_translation(pair, lang):
    source, fr, ar = pair
    assert loud_findings(source, fr if lang == "fr" else ar, lang, S) == []


def test_locpipe_qa_over_po_files_of_these_translations_finds_nothing(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # no ./glossary here: the values alone are checked
    assert qa_over_po_files(tmp_path, "values", PAIRS) == (
        f"2 file(s), {2 * len(PAIRS)} segment(s) — no findings")
