"""Test-set readers: plain text, TSV, TMX, and their one-line errors (fresh text)."""

from pathlib import Path

import pytest

from locpipe.errors import InputError
from locpipe.formats.testsets import read_testset, read_tmx, read_tsv

TMX_HEAD = '<?xml version="1.0"?><tmx version="1.4"><header srclang="en"/><body>'


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_plain_text_is_line_aligned(tmp_path):
    src = write(tmp_path / "src.en", "Aid reached Homs.\nThe road reopened.\n")
    ref = write(tmp_path / "ref.fr", "L'aide est arrivée à Homs.\nLa route a rouvert.\n")
    ts = read_testset(src, {"fr": ref})
    assert ts.sources == ["Aid reached Homs.", "The road reopened."]
    assert ts.refs == {"fr": ["L'aide est arrivée à Homs.", "La route a rouvert."]}


def test_tsv_with_a_header_of_language_codes(tmp_path):
    path = write(tmp_path / "set.tsv", "en\tfr\tar\nRain fell.\tIl a plu.\tهطل المطر.\n")
    ts = read_tsv(path, [])
    assert ts.sources == ["Rain fell."] and ts.refs == {"fr": ["Il a plu."],
                                                        "ar": ["هطل المطر."]}


def test_tsv_without_header_takes_the_ref_language(tmp_path):
    path = write(tmp_path / "set.tsv", "Rain fell.\tIl a plu.\n")
    assert read_tsv(path, ["fr"]).refs == {"fr": ["Il a plu."]}
    with pytest.raises(InputError) as exc:
        read_tsv(path, [])
    assert str(exc.value) == (f"{path}: the TSV file has no header row of language codes "
                              "(en<TAB>fr…); name the reference column with --ref LANG, "
                              "e.g. --ref fr")


def test_tsv_row_with_a_missing_column_names_the_line(tmp_path):
    path = write(tmp_path / "set.tsv", "en\tfr\nRain fell.\tIl a plu.\nWind rose.\n")
    with pytest.raises(InputError) as exc:
        read_tsv(path, [])
    assert str(exc.value) == (f"{path}:3: has 1 column(s), expected 2 (source, fr) separated "
                              "by tabs")


def test_tmx_inline_codes_become_numbered_tags(tmp_path):
    path = write(tmp_path / "set.tmx", TMX_HEAD + (
        '<tu><tuv xml:lang="en"><seg>Go to <bpt i="7">&lt;a&gt;</bpt>Hama<ept i="7">&lt;/a&gt;'
        '</ept> now.<ph>&lt;br/&gt;</ph></seg></tuv>'
        '<tuv xml:lang="fr-FR"><seg>Allez à <bpt i="7">&lt;a&gt;</bpt>Hama<ept i="7">'
        '&lt;/a&gt;</ept>.</seg></tuv></tu></body></tmx>'))
    ts = read_tmx(path)
    assert ts.sources == ["Go to <1>Hama</1> now.<2/>"]
    assert ts.refs == {"fr": ["Allez à <1>Hama</1>."]}


def test_tmx_unit_without_a_language_others_have(tmp_path):
    path = write(tmp_path / "set.tmx", TMX_HEAD + (
        '<tu><tuv xml:lang="en"><seg>One.</seg></tuv><tuv xml:lang="fr"><seg>Un.</seg></tuv>'
        '</tu><tu><tuv xml:lang="en"><seg>Two.</seg></tuv></tu></body></tmx>'))
    with pytest.raises(InputError) as exc:
        read_tmx(path)
    assert str(exc.value) == (f"{path}: translation unit 2 has no 'fr' segment; every unit "
                              "needs every language of the file")


def test_tmx_without_body_and_without_source(tmp_path):
    no_body = write(tmp_path / "a.tmx", '<tmx version="1.4"><header/></tmx>')
    with pytest.raises(InputError, match="no <tmx><body>"):
        read_tmx(no_body)
    no_en = write(tmp_path / "b.tmx", TMX_HEAD + '<tu><tuv xml:lang="fr"><seg>Un.</seg></tuv>'
                  '</tu></body></tmx>')
    with pytest.raises(InputError) as exc:
        read_tmx(no_en)
    assert str(exc.value) == f"{no_en}: translation unit 1 has no 'en' segment"


def test_tmx_ref_language_it_does_not_have(tmp_path):
    path = write(tmp_path / "set.tmx", TMX_HEAD + (
        '<tu><tuv xml:lang="en"><seg>One.</seg></tuv><tuv xml:lang="fr"><seg>Un.</seg></tuv>'
        '</tu></body></tmx>'))
    with pytest.raises(InputError) as exc:
        read_testset(path, {"de": None})
    assert str(exc.value) == f"{path}: has no 'de' segments; it has: fr"
