"""The memory stage: identical segments take the reviewed translation, close ones get a note."""

from pathlib import Path

import polib

from locpipe.context import Context, Settings, initialize
from locpipe.document import Segment, Unit
from locpipe.stages.memory import recall

CROSSING = "The Bab al-Hawa crossing reopened on Thursday after a week of shelling."
CROSSING_ES = "El paso de Bab al-Hawa reabrió el jueves tras una semana de bombardeos."


def _unit(text: str, lang: str = "es", n: int = 1) -> Unit:
    return Unit(Segment(id=f"border:{n}.1", block=n, index=1, kind="paragraph", text=text),
                lang, target="(machine)")


def _memory(directory: Path, lang: str) -> Path:
    directory.mkdir()
    catalog = polib.POFile()
    catalog.metadata = {"Language": lang, "Content-Type": "text/plain; charset=UTF-8"}
    catalog.append(polib.POEntry(msgctxt="crossing:2.1", msgid=CROSSING, msgstr=CROSSING_ES))
    path = directory / f"crossing.{lang}.po"
    catalog.save(str(path))
    return path


def test_recall_reuses_exact_and_suggests_close(tmp_path):
    path = _memory(tmp_path / "mem", "es")
    exact = _unit("The Bab al-Hawa crossing  reopened on Thursday after a week of shelling.")
    close = _unit("The Bab al-Hawa crossing reopened on Friday after a week of shelling.", n=2)
    other = _unit("Aid trucks queued for twelve kilometres.", n=3)
    reviewed = _unit(CROSSING, n=4)
    reviewed.origin, reviewed.target = "reviewed", "ya revisado"
    settings = Settings(targets=["es"], memory_dir=tmp_path / "mem")
    recall([exact, close, other, reviewed], Context("es", settings, initialize(settings)))
    assert (exact.target, exact.origin) == (CROSSING_ES, "memory")
    assert exact.notes == [f"memory: reviewed translation reused from {path}:7"]
    assert (close.target, close.origin) == ("(machine)", "machine")
    assert close.notes[0].startswith("memory suggestion (")
    assert close.notes[0].endswith(f"{CROSSING} => {CROSSING_ES}")
    assert other.notes == [] and other.target == "(machine)"
    assert (reviewed.target, reviewed.notes) == ("ya revisado", [])  # the editor's PO wins


def test_recall_uses_only_the_memory_of_the_run_language(tmp_path):
    _memory(tmp_path / "mem", "de")
    unit = _unit(CROSSING)
    settings = Settings(targets=["es"], memory_dir=tmp_path / "mem")
    recall([unit], Context("es", settings, initialize(settings)))
    assert (unit.target, unit.origin, unit.notes) == ("(machine)", "machine", [])
