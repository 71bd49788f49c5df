"""Translation memory: exact reuse across articles, fuzzy suggestions, `memory stats`."""

import json
import random
from pathlib import Path

import polib
from rapidfuzz import fuzz, process
from typer.testing import CliRunner

from locpipe.cli import app
from locpipe.formats.memory import Memory
from locpipe.formats.po import normalise

runner = CliRunner()

FIRST = """\
# Fuel prices soar in Aleppo as winter approaches

The price of diesel has tripled since 2023, according to local officials.

“Nobody can afford to heat their homes this year,” said Omar Haddad, a baker in the city.
"""

SECOND = """\
# Aid agencies warn of a hard winter in northern Syria

The price of diesel has tripled since 2023,   according to local officials.

"Nobody can afford to heat their homes this winter," said Omar Haddad, a baker in the city.

About 50,000 families live in tents near the Turkish border.
"""

PRICE_FR = "Le prix du gazole a triplé depuis 2023, selon des responsables locaux."
QUOTE_FR = "« Personne ne peut chauffer sa maison cette année », a dit Omar Haddad, boulanger."


def test_exact_lookup_normalises_whitespace_and_quotes():
    mem = Memory()
    mem.add("“We need power,” he said.", "« Il nous faut du courant », a-t-il dit.", "a.po:7")
    hit = mem.exact('"We need  power," he said.')
    assert hit is not None
    assert (hit.target, hit.origin, hit.score) == ("« Il nous faut du courant », a-t-il dit.",
                                                   "a.po:7", 100.0)
    assert mem.exact("We need power, he said.") is None
    assert len(mem) == 1


def test_fuzzy_lookup_offers_close_matches_only():
    mem = Memory()
    mem.add("The price of diesel has tripled since 2023, according to local officials.",
            PRICE_FR, "a.po:3")
    near = mem.fuzzy("The price of diesel has doubled since 2023, according to local officials.")
    assert near is not None and near.target == PRICE_FR and 85 <= near.score < 100
    assert mem.fuzzy("The price of bread has doubled since June, traders in Homs said.") is None
    # an identical text is the exact lookup's business
    assert mem.fuzzy("The price of diesel has tripled since 2023, according to local "
                     "officials.") is None


def test_length_filter_finds_what_a_full_scan_finds():
    rng = random.Random(7)
    words = ("the UN said on Monday that 50,000 people fled Idlib as HTS fighters advanced "
             "toward Hama while EU envoys met in Geneva to discuss aid convoys and a truce").split()
    sentences = list(dict.fromkeys(" ".join(rng.choices(words, k=rng.randint(4, 30)))
                                   for _ in range(3000)))
    mem = Memory()
    for s in sentences:
        mem.add(s, s.upper(), "m.po:1")
    keys = [normalise(s) for s in sentences]
    for s in rng.sample(sentences, 150):
        ws = s.split()
        ws[rng.randrange(len(ws))] = rng.choice(words)
        query = normalise(" ".join(ws))
        others = [k for k in keys if k != query]
        full = process.extractOne(query, others, scorer=fuzz.ratio, score_cutoff=85)
        hit = mem.fuzzy(query)
        assert (hit.score if hit else None) == (round(full[1], 1) if full else None)


def memory_file_of(mem: Path, folder: str, lang: str) -> Path:
    """The memory file po apply wrote for the article of output folder `folder`."""
    found = sorted(mem.glob(f"{folder}-*.{lang}.po"))
    assert len(found) == 1, found
    return found[0]


def _translate(article: Path, out: Path, memory: Path):
    return runner.invoke(app, ["translate", str(article), "--engine", "pseudo", "--out", str(out),
                               "--to", "fr", "--memory", str(memory)])


def _review(path: Path, edits: dict[str, str]) -> None:
    catalog = polib.pofile(str(path))
    for e in catalog:
        if e.msgid in edits:
            e.msgstr, e.flags = edits[e.msgid], []
    catalog.save()


def test_apply_records_reviewed_entries_and_later_articles_reuse_them(tmp_path):
    out, mem = tmp_path / "out", tmp_path / "memory"
    first, second = tmp_path / "aleppo-fuel.md", tmp_path / "winter-warning.md"
    first.write_text(FIRST, encoding="utf-8")
    second.write_text(SECOND, encoding="utf-8")
    assert _translate(first, out, mem).exit_code == 0
    fr_po = out / "aleppo-fuel" / "fr.po"
    price = "The price of diesel has tripled since 2023, according to local officials."
    quote = ("“Nobody can afford to heat their homes this year,” said Omar Haddad, a baker in "
             "the city.")
    _review(fr_po, {price: PRICE_FR, quote: QUOTE_FR})

    result = runner.invoke(app, ["po", "apply", str(fr_po), "--memory", str(mem)])
    assert result.exit_code == 0, result.output
    recorded = memory_file_of(mem, "aleppo-fuel", "fr")
    assert f"recorded in memory: {recorded}" in result.stdout
    assert {e.msgid: e.msgstr for e in polib.pofile(str(recorded))} == {price: PRICE_FR,
                                                                        quote: QUOTE_FR}
    stats = runner.invoke(app, ["memory", "stats", "--memory", str(mem)])
    assert stats.exit_code == 0
    assert stats.stdout == f"{mem}: 1 PO file(s)\nfr: 2 reviewed segment(s)\n"
    stats = runner.invoke(app, ["memory", "stats", "--memory", str(mem), "--format", "json"])
    assert (stats.exit_code, json.loads(stats.stdout)) == (
        0, {"memory": str(mem), "files": 1, "segments": {"fr": 2}})

    assert _translate(second, out, mem).exit_code == 0
    line = next(e.linenum for e in polib.pofile(str(recorded)) if e.msgid == price)
    entries = {e.msgctxt: e for e in polib.pofile(str(out / "winter-warning" / "fr.po"))}
    reused = entries["winter-warning:2.1"]
    assert reused.msgstr == PRICE_FR and not reused.fuzzy
    assert reused.comment == f"memory: reviewed translation reused from {recorded}:{line}"
    assert PRICE_FR in (out / "winter-warning" / "fr.html").read_text()
    close = entries["winter-warning:3.1"]
    assert close.fuzzy and close.msgstr != QUOTE_FR
    assert close.comment.startswith("memory suggestion (")
    assert close.comment.endswith(f"{quote} => {QUOTE_FR}")
    assert "% similar" in close.comment
    assert not entries["winter-warning:4.1"].comment


def test_broken_reviewed_entries_never_enter_memory(tmp_path):
    out, mem = tmp_path / "out", tmp_path / "memory"
    article = tmp_path / "aleppo-fuel.md"
    article.write_text(FIRST.replace("a baker", "a [baker](https://example.org/omar)"),
                       encoding="utf-8")
    assert _translate(article, out, mem).exit_code == 0
    fr_po = out / "aleppo-fuel" / "fr.po"
    quote = next(e.msgid for e in polib.pofile(str(fr_po)) if "Nobody" in e.msgid)
    _review(fr_po, {quote: "« Personne ne peut chauffer sa maison », a dit un boulanger."})
    result = runner.invoke(app, ["po", "apply", str(fr_po), "--memory", str(mem)])
    assert result.exit_code == 1
    assert [e.msgid for e in polib.pofile(str(memory_file_of(mem, "aleppo-fuel", "fr")))] == []


def test_memory_stats_of_missing_directory(tmp_path):
    result = runner.invoke(app, ["memory", "stats", "--memory", str(tmp_path / "none")])
    assert result.exit_code == 0
    assert result.stdout == f"{tmp_path / 'none'}: 0 PO file(s)\n"


def test_broken_po_in_memory_is_an_error(tmp_path):
    mem = tmp_path / "memory"
    mem.mkdir()
    (mem / "bad.po").write_text('msgid ""\nmsgstr ""\n"Language: fr\\n"\n\nmsgid "x\nmsgstr ""\n')
    article = tmp_path / "aleppo-fuel.md"
    article.write_text(FIRST, encoding="utf-8")
    result = _translate(article, tmp_path / "out", mem)
    assert result.exit_code == 2
    assert result.stderr == (f"Error: {mem / 'bad.po'}:5: is not a valid PO file (unterminated "
                             "string or unescaped double quote); fix this line or export the "
                             "file again from Poedit\n")
    assert not (tmp_path / "out").exists()


def _memory_file(path: Path, pairs: dict[str, str]) -> None:
    catalog = polib.POFile()
    catalog.metadata = {"Language": "fr", "Content-Type": "text/plain; charset=UTF-8"}
    for i, (src, tgt) in enumerate(pairs.items()):
        catalog.append(polib.POEntry(msgctxt=f"a:{i}", msgid=src, msgstr=tgt))
    catalog.save(str(path))


def test_cache_follows_changes_and_survives_corruption(tmp_path):
    from locpipe.formats.memory import CACHE_NAME, load_memories

    _memory_file(tmp_path / "a.fr.po", {"The UN said.": "L’ONU a dit."})
    assert len(load_memories(tmp_path)["fr"]) == 1
    assert (tmp_path / CACHE_NAME).exists()
    _memory_file(tmp_path / "b.fr.po", {"AFP reported.": "L’AFP a rapporté."})
    assert load_memories(tmp_path)["fr"].exact("AFP reported.").target == "L’AFP a rapporté."
    (tmp_path / CACHE_NAME).write_text("{not json")
    assert len(load_memories(tmp_path)["fr"]) == 2
    stats = runner.invoke(app, ["memory", "stats", "--memory", str(tmp_path)])
    assert stats.stdout == f"{tmp_path}: 2 PO file(s)\nfr: 2 reviewed segment(s)\n"


WIRE = ("Government forces shelled villages north of Hama on Tuesday as rebels led by HTS pushed "
        "toward the city, the Syrian Observatory for Human Rights said. Aid agencies warned that "
        "about 50,000 people had fled since the start of the offensive, many of them sleeping in "
        "olive groves without blankets or clean water. A spokesman for the Red Crescent told AFP "
        "that convoys could not reach al-Waer for 13 to 15 hours each day. The UN envoy urged "
        "both sides to open corridors, while EU ministers meeting in Brussels promised another "
        "200 million euros. Residents of Homs described queues for bread stretching several "
        "blocks; prices doubled in a week and fuel ran out in most districts by Friday.").split()


def _kinds_of_queries(sentences: list[str], rng: random.Random) -> list[str]:
    """One word changed, two words changed, punctuation changed, short sentences with one word
    changed, and fresh sentences that nothing in memory resembles."""
    def change(s: str, times: int) -> str:
        ws = s.split()
        for _ in range(times):
            ws[rng.randrange(len(ws))] = rng.choice(WIRE)
        return " ".join(ws)

    short = [s for s in sentences if len(s.split()) <= 6]
    return ([change(rng.choice(sentences), 1) for _ in range(80)]
            + [change(rng.choice(sentences), 2) for _ in range(80)]
            + [rng.choice(sentences).replace(".", "!").replace(",", ";").replace(" ", "  ", 1)
               for _ in range(40)]
            + [change(rng.choice(short), 1) for _ in range(60)]
            + [" ".join(rng.choices(["Kurdish", "ceasefire", "talks", "collapsed", "in", "Qamishli",
                                     "overnight", "officials", "insisted", "on", "Thursday"],
                                    k=rng.randint(4, 14))) + "." for _ in range(40)])


def test_fuzzy_lookup_suggests_what_brute_force_suggests():
    """The length bound only saves time: each query gets the suggestion rapidfuzz finds over
    every entry."""
    rng = random.Random(11)
    sentences = list(dict.fromkeys(" ".join(rng.choices(WIRE, k=rng.randint(4, 28))) + "."
                                   for _ in range(20_000)))
    mem = Memory()
    for s in sentences:
        mem.add(s, s.upper(), "m.po:1")
    keys = [normalise(s) for s in sentences]
    queries = _kinds_of_queries(sentences, rng)
    suggested = 0
    for query in queries:
        key = normalise(query)
        full = process.extractOne(key, [k for k in keys if k != key], scorer=fuzz.ratio,
                                  score_cutoff=85)
        hit = mem.fuzzy(query)
        assert ((hit.source, hit.score) if hit else None) == (
            (full[0], round(full[1], 1)) if full else None), query
        suggested += hit is not None
    assert 200 < suggested < len(queries), suggested  # both kinds of answer were checked


def test_fuzzy_lookup_of_a_recorded_sentence_suggests_its_closest_neighbour():
    mem = Memory()
    mem.add("Aid reached Homs on Monday.", "L'aide est arrivée à Homs lundi.", "a.po:3")
    mem.add("Aid reached Homs on Sunday.", "L'aide est arrivée à Homs dimanche.", "a.po:9")
    hit = mem.fuzzy("Aid reached Homs on Monday.")
    assert hit is not None and hit.origin == "a.po:9"
