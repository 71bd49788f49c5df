"""Issue 24: the curated profiles of Persian, Urdu, Chinese, Japanese, Hindi and Ukrainian (and
Thai and Korean from CLDR alone). Correct translations, written by hand for this test, pass
every QA check; the faults each script makes possible are caught; typography sets each
script's punctuation; --digits takes any CLDR numbering system of the language."""

from __future__ import annotations

import pytest

from locpipe import checks, languages
from locpipe.checks import Pair
from locpipe.context import Settings
from locpipe.errors import ConfigError
from locpipe.formats.pages import script_css
from locpipe.rules import numbers
from locpipe.rules.typography import typeset

SOURCE = [
    "Engineers reopened the main bridge over the Euphrates in Raqqa on Sunday, allowing "
    "12,500 vehicles a day to cross the river again.",
    "“We have waited for this day since 2017,” said a taxi driver who crossed the bridge on "
    "March 9, 2025.",
    "About 40 percent of the money came from the United Nations.",
    "Traffic returns to the old crossing",
]
NBSP = "\u00a0"

CORRECT = {
    "zh": ["工程师周日重新开放了拉卡幼发拉底河上的主桥，每天可让12,500辆车再次过河。",
           "“我们从2017年就一直在等这一天，”2025年3月9日过桥的一名出租车司机说。",
           "大约40%的资金来自联合国。",
           "交通恢复至老渡口"],
    "ja": ["技術者らは日曜日、ラッカのユーフラテス川に架かる主要な橋を再開し、毎日12,500台の車両が"
           "再び川を渡れるようになった。",
           "「2017年からこの日を待っていた」と、2025年3月9日に橋を渡ったタクシー運転手は語った。",
           "資金の約40%は国連から拠出された。",
           "古い渡河地点に交通が戻る"],
    "hi": ["इंजीनियरों ने रविवार को रक्का में फ़रात नदी पर बने मुख्य पुल को फिर से खोल दिया, जिससे "
           "हर दिन 12,500 वाहन फिर से नदी पार कर सकेंगे।",
           "“हम 2017 से इस दिन का इंतज़ार कर रहे थे,” 9 मार्च 2025 को पुल पार करने वाले एक टैक्सी "
           "चालक ने कहा।",
           "लगभग 40% धन संयुक्त राष्ट्र से आया।",
           "पुराने पुल पर यातायात लौटा"],
    "fa": ["مهندسان روز یکشنبه پل اصلی روی فرات در رقه را بازگشایی کردند و اکنون روزانه 12,500 "
           "خودرو می‌توانند دوباره از رودخانه عبور کنند.",
           "«ما از سال 2017 منتظر این روز بودیم»، یک راننده تاکسی که در 9 مارس 2025 از پل عبور "
           "کرد این را گفت.",
           "حدود 40% از این پول از سازمان ملل متحد تأمین شد.",
           "ترافیک به گذرگاه قدیمی بازمی‌گردد"],
    "ur": ["انجینئروں نے اتوار کو رقہ میں دریائے فرات پر بنے مرکزی پل کو دوبارہ کھول دیا، جس سے "
           "روزانہ 12,500 گاڑیاں ایک بار پھر دریا پار کر سکیں گی۔",
           "“ہم 2017 سے اس دن کا انتظار کر رہے تھے،” 9 مارچ، 2025 کو پل پار کرنے والے ایک ٹیکسی "
           "ڈرائیور نے کہا۔",
           "تقریباً 40% رقم اقوام متحدہ سے آئی۔",
           "پرانی گزرگاہ پر ٹریفک بحال"],
    "uk": [f"У неділю інженери знову відкрили головний міст через Євфрат у Ракці, тож 12{NBSP}500 "
           "автомобілів на день знову зможуть перетинати річку.",
           "«Ми чекали на цей день з 2017 року», — сказав таксист, який переїхав міст 9 березня "
           "2025 року.",
           "Близько 40% коштів надійшло від Організації Об’єднаних Націй.",
           "Рух повертається на стару переправу"],
    "th": ["วิศวกรเปิดสะพานหลักข้ามแม่น้ำยูเฟรตีสในเมืองร็อกกาอีกครั้งเมื่อวันอาทิตย์ "
           "ทำให้รถยนต์ 12,500 คันต่อวันสามารถข้ามแม่น้ำได้อีกครั้ง",
           "“เรารอวันนี้มาตั้งแต่ปี 2017” คนขับแท็กซี่ที่ข้ามสะพานเมื่อวันที่ 9 มีนาคม 2025 กล่าว",
           "เงินประมาณ 40% มาจากสหประชาชาติ",
           "การจราจรกลับสู่จุดข้ามเดิม"],
    "ko": ["엔지니어들은 일요일 락까의 유프라테스강을 가로지르는 주요 다리를 다시 개통해 하루 "
           "12,500대의 차량이 다시 강을 건널 수 있게 됐다.",
           "“우리는 2017년부터 이날을 기다려 왔다”고 2025년 3월 9일 다리를 건넌 한 택시 기사가 "
           "말했다.",
           "자금의 약 40%는 유엔에서 나왔다.",
           "옛 건널목에 교통 재개"],
}


def _findings(source: str, target: str, lang: str, **settings) -> list[tuple[str, str]]:
    pair = Pair(source, target, lang, settings=Settings(targets=[lang], **settings))
    return [(c.name, message) for c, message in checks.check_pair(pair).findings]


@pytest.mark.parametrize("lang", sorted(CORRECT))
def test_correct_translations_raise_nothing(lang):
    for source, target in zip(SOURCE, CORRECT[lang], strict=True):
        assert _findings(source, target, lang) == [], target


@pytest.mark.parametrize("lang", ["fa", "ur", "zh", "ja", "hi", "uk"])
def test_curated_profiles_are_one_file_each(lang):
    profile = languages.get(lang)
    assert profile.curated and lang in languages.CURATED
    assert profile.length_ratio and any(profile.quotes)
    assert checks.skip_note(lang) == ""  # every check runs for a curated language


def test_other_languages_fall_back_and_say_what_they_skip():
    assert not languages.get("th").curated and not languages.get("ko").curated
    assert checks.skip_note("th") == "QA for Thai: length skipped (no curated language profile)"
    assert languages.get("th").full_stop == "" and languages.get("km").full_stop == "។"


# -- faults each script allows ---------------------------------------------------------------

FAULTS = [
    # a function word written twice; a name written twice (no spaces to find words by)
    ("zh", SOURCE[2], "大约40%的的资金来自联合国。", "doubled_words", "the word '的' is doubled"),
    ("zh", SOURCE[2], "大约40%的资金来自联合国联合国。", "doubled_words",
     "the word '联合国' is doubled"),
    ("ja", SOURCE[2], "資金のの約40%は国連から拠出された。", "doubled_words",
     "the word 'の' is doubled"),
    # Devanagari words with vowel signs are whole words
    ("hi", SOURCE[2], "लगभग 40% धन धन संयुक्त राष्ट्र से आया।", "doubled_words",
     "the word 'धन' is doubled"),
    # a full stop lost
    ("zh", SOURCE[2], "大约40%的资金来自联合国", "punctuation", "sentence-final '.' is missing"),
    ("hi", SOURCE[2], "लगभग 40% धन संयुक्त राष्ट्र से आया", "punctuation",
     "sentence-final '.' is missing"),
    ("ur", SOURCE[2], "تقریباً 40% رقم اقوام متحدہ سے آئی", "punctuation",
     "sentence-final '.' is missing"),
    # a subheading that gained one
    ("ja", SOURCE[3], "古い渡河地点に交通が戻る。", "punctuation",
     "the translation ends with '.' but the source has no final punctuation"),
    # half the sentence dropped: characters, not words, in Chinese
    ("zh", SOURCE[0], "工程师周日重新开放。", "length",
     "the translation is 0.09× the source length; en→zh usually 0.12–0.70× (something left "
     "out?)"),
    # an English clause glued to Chinese characters
    ("zh", SOURCE[0], "工程师周日重新开放了拉卡幼发拉底河上的主桥，每天可让12,500辆车"
     "to cross the river again，再次过河，当地官员说这座桥是在两年的修复工作之后重新开放的。",
     "untranslated", "part of the translation is still English: “to cross the river again”"),
]


@pytest.mark.parametrize(("lang", "source", "target", "check", "message"), FAULTS)
def test_faults_of_each_script_are_caught(lang, source, target, check, message):
    assert (check, message) in _findings(source, target, lang)


def test_english_left_in_a_chinese_translation_is_named_by_its_script():
    found = _findings(SOURCE[2], "About 40 percent of the money came from 联合国。", "zh")
    assert ("untranslated", "the translation is not in Simplified Han script (9% Simplified "
                            "Han letters)") in found


def test_reduplication_is_not_a_doubled_word():
    # 人人 (everyone) in Chinese, धीरे धीरे (slowly) in Hindi, کم کم (little by little)
    assert _findings(SOURCE[2], "人人都说大约40%的资金来自联合国。", "zh") == []
    assert _findings("The bridge reopened slowly.", "पुल धीरे धीरे फिर से खुल गया।", "hi") == []
    assert _findings("Traffic returns slowly", "ترافیک کم کم بازمی‌گردد", "fa") == []


def test_thai_ends_a_sentence_without_a_full_stop():
    assert _findings(SOURCE[2], "เงินประมาณ 40% มาจากสหประชาชาติ", "th") == []
    assert _findings(SOURCE[2], "เงินประมาณ 40% มาจากสหประชาชาติ?", "th") == [
        ("punctuation", "the translation ends with '?' but the source with '.'")]


# -- typography -------------------------------------------------------------------------------

TYPESET = [
    ("zh", "他们 说, 桥 已经 开放. 官员 说 “我们 等了 很久”.",
     "他们说，桥已经开放。官员说“我们等了很久”。"),
    ("zh", "Raqqa 的 12,500 辆车 和 3.5% 的 资金, 见 www.unocha.org.",
     "Raqqa 的 12,500 辆车和 3.5% 的资金，见 www.unocha.org."),
    ("ja", "技師たちは 日曜日, 橋を 再開した. “待っていた” と 彼は 言った?",
     "技師たちは日曜日、橋を再開した。「待っていた」と彼は言った？"),
    ("hi", "डॉ. शर्मा ने कहा कि पुल 2.5 साल बाद खुल गया है.",
     "डॉ. शर्मा ने कहा कि पुल 2.5 साल बाद खुल गया है।"),
    ("ur", "انجینئروں نے پل کھول دیا, حکام نے کہا.", "انجینئروں نے پل کھول دیا، حکام نے کہا۔"),
    ("fa", "مقامات گفتند \"این روز\"? بله, 12,500 خودرو.",
     "مقامات گفتند «این روز»؟ بله، 12,500 خودرو."),
    ("uk", "п'ять мостів, сказав \"він\".", "п’ять мостів, сказав «він»."),
]


@pytest.mark.parametrize(("lang", "text", "expected"), TYPESET)
def test_typography_sets_each_scripts_punctuation(lang, text, expected):
    assert typeset(text, lang) == expected


def test_hanidec_numbers_keep_their_separators():
    assert typeset("一二,五〇〇 辆车, 三.五%.", "zh") == "一二,五〇〇辆车，三.五%。"


# -- digits -------------------------------------------------------------------------------------

def test_numbering_systems_are_cldrs_numeric_ones():
    systems = {lang: numbers.numbering_systems(numbers.target_locale(lang))
               for lang in ("fa", "ur", "hi", "th", "zh", "ja", "ar", "bn")}
    assert systems == {"fa": ["latn", "arabext"], "ur": ["latn", "arabext"],
                       "hi": ["latn", "deva"], "th": ["latn", "thai"],
                       "zh": ["latn", "hanidec"], "ja": ["latn"], "ar": ["latn", "arab"],
                       "bn": ["latn", "beng"]}
    assert len(numbers.DIGITS) > 60  # every numeric system this Python's Unicode knows


@pytest.mark.parametrize(("digits", "lang", "system"), [
    ("latn", "fa", "latn"), ("native", "fa", "arabext"), ("default", "fa", "arabext"),
    ("default", "hi", "latn"), ("native", "hi", "deva"), ("deva", "hi", "deva"),
    ("deva", "fa", "latn"), ("fa=arabext,hi=deva", "hi", "deva"),
    ("fa=arabext,hi=deva", "th", "latn"), ("native,hi=latn", "hi", "latn"),
    ("native,hi=latn", "th", "thai"), ("arab", "ar", "arab"), ("arab", "fr", "latn"),
    ("arab", "fa", "arabext"), ("arab", "hi", "latn"),  # arab: Arabic-script digits, as before
])
def test_digits_choose_a_system_per_language(digits, lang, system):
    assert numbers.numbering_system(numbers.target_locale(lang), digits) == system


@pytest.mark.parametrize(("value", "targets", "message"), [
    ("thai", "fr,ar", "unknown --digits 'thai' for fr, ar; available: latn, native, default, "
                      "arab"),
    ("fa=deva", "fa,hi", "--digits fa=deva: Persian is not written in 'deva' digits in CLDR; "
                         "available for fa: latn, arabext, native, default"),
    ("xx=deva", "hi", "unknown language 'xx' in --digits xx=deva; write LANG=SYSTEM, e.g. "
                      "fa=arabext"),
])
def test_digits_outside_the_languages_systems_are_refused(value, targets, message):
    with pytest.raises(ConfigError) as err:
        numbers.check_digits(value, targets)
    assert str(err.value) == message


def test_the_cli_says_which_digits_apply(tmp_path):
    from typer.testing import CliRunner

    from locpipe.cli import app

    article = tmp_path / "a.txt"
    article.write_text("Engineers reopened the bridge\n\nIt cost 12,500 dollars.\n")
    result = CliRunner().invoke(app, ["translate", str(article), "--to", "hi,th",
                                      "--engine", "pseudo", "--digits", "arabext",
                                      "--out", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert result.output == ("Error: unknown --digits 'arabext' for hi, th; available: latn, "
                             "native, default, arab, deva (hi), thai (th)\n")
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(("lang", "system", "figure"), [
    ("zh", "hanidec", "三二〇万美元"), ("hi", "deva", "३२ लाख डॉलर"), ("hi", "latn", "32 लाख डॉलर"),
    ("ja", "latn", "320万ドル"), ("th", "thai", "๓.๒ ล้าน"), ("ur", "arabext", "۳۲ لاکھ ڈالر"),
])
def test_millions_are_written_and_read_as_cldr_counts_them(lang, system, figure):
    # CLDR counts a million as 100 万 (zh, ja) and 10 lakh (hi, ur): 3.2 million is 320万
    settings = Settings(targets=[lang], digits=system)
    style = numbers.style_for(lang, settings)
    (q,) = [q for _, _, q in numbers.detect("It cost $3.2 million.").spans]
    assert numbers.render(q, style).startswith(figure.split(" ")[0].removesuffix("美元")
                                               .removesuffix("ドル"))
    assert numbers.check_numbers("It cost $3.2 million.", f"{figure}。", lang, settings) == []
    wrong = figure.replace("2", "5", 1).replace("२", "५", 1).replace("二", "五", 1) \
        .replace("๒", "๕", 1).replace("۲", "۵", 1)
    assert numbers.check_numbers("It cost $3.2 million.", f"{wrong}。", lang, settings) != []


# -- pages --------------------------------------------------------------------------------------

def test_pages_set_each_script_in_its_fonts_and_line_breaking():
    css = script_css(["ur", "fa", "zh", "ja", "ko", "th", "hi"])
    assert 'html[lang|="ur"] body, body [lang|="ur"] { font-family: "Noto Nastaliq Urdu"' in css
    assert 'html[lang|="fa"] body, body [lang|="fa"] { font-family: "Noto Naskh Arabic"' in css
    assert 'html[lang|="ur"] body { font-size: 20px; line-height: 2.3; }' in css
    for lang in ("zh", "ja"):
        assert f'body [lang|="{lang}"] {{ line-break: strict; word-break: normal;' in css
    assert 'body [lang|="ko"] { word-break: keep-all;' in css
    assert 'body [lang|="th"] { word-break: normal; line-break: auto;' in css
    assert 'body [lang|="hi"] { font-family: "Noto Serif Devanagari"' in css


@pytest.mark.parametrize(("lang", "source", "figure"), [
    ("zh", "It cost $120 million.", "1.2亿美元"), ("ja", "It cost $4.07 billion.", "40.7億ドル"),
    ("hi", "It cost $120 million.", "12 करोड़ डॉलर"), ("ko", "It cost $45 million.", "4,500만"),
    ("ur", "It cost $900 million.", "90 کروڑ ڈالر"),
])
def test_counting_units_follow_the_magnitude(lang, source, figure):
    # 万 10^4, 亿 10^8, लाख 10^5, करोड़ 10^7: a reader says "1.2亿", not "12,000万"
    settings = Settings(targets=[lang])
    style = numbers.style_for(lang, settings)
    (q,) = [q for _, _, q in numbers.detect(source).spans]
    assert numbers.render(q, style).replace(" ", "").startswith(
        figure.replace(" ", "").removesuffix("美元").removesuffix("ドル"))
    assert numbers.check_numbers(source, figure + "。", lang, settings) == []


def test_repair_leaves_a_counted_figure_alone():
    # "4,000万" is 40 million: repairing it to the value's digits ("40") would change it
    settings = Settings(targets=["zh"])
    style = numbers.style_for("zh", settings)
    det = numbers.detect("It cost €40 million.")
    quantities = [q for _, _, q in det.spans]
    text = "花费了4,000万欧元。"
    assert numbers.repair(text, quantities, det.ignored, style)[0] == text


def test_persian_and_urdu_isolate_latin_runs_and_signed_persian_digits():
    from locpipe.rules.typography import isolate_html

    assert isolate_html("دمای هوا به -۵ درجه رسید") == (
        'دمای هوا به <span dir="ltr">-۵</span> درجه رسید')
    assert isolate_html("سازمان ملل (UN) گفت") == 'سازمان ملل (<span dir="ltr">UN</span>) گفت'
    assert languages.get("fa").rtl and languages.get("ur").rtl
