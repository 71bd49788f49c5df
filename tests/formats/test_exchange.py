"""Glossary exchange: TBX read and written, Google CSV and DeepL TSV exports."""

from pathlib import Path

import pytest

from locpipe.errors import ConfigError, InputError
from locpipe.formats.exchange import export_glossary, read_tbx
from locpipe.formats.glossary import load_glossary
from locpipe.rules.terms import Glossary

ROOT = Path(__file__).resolve().parents[2]
STARTER = ROOT / "glossary"


@pytest.fixture(scope="module")
def g() -> Glossary:
    return load_glossary([STARTER])


def write(tmp_path: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    p = tmp_path / name
    p.write_text(text, encoding=encoding)
    return p


def test_tbx_not_xml(tmp_path):
    p = write(tmp_path, "t.tbx", "<martif>\n<text>\n</martif>\n")
    with pytest.raises(InputError) as exc:
        read_tbx(p)
    assert str(exc.value).startswith(f"{p}:3: is not valid TBX: not well-formed XML")


def test_tbx_round_trip(tmp_path, g):
    tbx = write(tmp_path, "g.tbx", export_glossary(g, "tbx", None))
    csv_text = read_tbx(tbx)
    back = write(tmp_path / "", "back.csv", csv_text)
    g2 = load_glossary([back])
    assert len(g2) == len(g)
    assert [(e.forms, e.policy) for e in g2.entries] == [(e.forms, e.policy) for e in g.entries]


def test_export_pair_formats(g):
    tsv = export_glossary(g, "deepl-tsv", "en-fr")
    assert "Hayat Tahrir al-Sham\tHayat Tahrir al-Cham\n" in tsv
    assert "Human Rights Watch\tHuman Rights Watch\n" in tsv
    assert "ISIS" not in tsv
    csv_text = export_glossary(g, "google-csv", "en-ar")
    assert "Hama,حماة\n" in csv_text
    with pytest.raises(ConfigError, match="unknown language pair 'en-he'"):
        export_glossary(g, "deepl-tsv", "en-he")
