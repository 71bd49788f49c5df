"""How often the QA speaks on correct translations: the errors and warnings every check raises
on the correct French and Arabic translations of tests/checks/test_qa_silent.py (fresh wire
sentences carrying every value class of issue 21, Arabic also with Arabic-Indic digits), with
the starter glossary. Each finding there is a false alarm.

The locpipe checked is the one on the import path, so the same table measures another
checkout (e.g. main before a change):

    python benchmarks/qa_silence.py [-v]                       (this checkout)
    PYTHONPATH=/path/to/other/checkout python benchmarks/qa_silence.py
"""

from __future__ import annotations

import importlib.util
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.append(str(ROOT))  # after PYTHONPATH: the locpipe measured may be another checkout's

TABLE = ROOT / "tests" / "checks" / "test_qa_silent.py"


def main() -> None:
    spec = importlib.util.spec_from_file_location("qa_silent_table", TABLE)
    table = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = table
    spec.loader.exec_module(table)
    import locpipe
    from locpipe import checks
    from locpipe.checks import Pair

    pairs = [(c.id, c.en, lang, getattr(c, lang)) for c in table.CASES for lang in ("fr", "ar")]
    pairs += [(c.id, c.en, "ar", table.AR_NATIVE[c.id]) for c in table.CASES
              if c.id in table.AR_NATIVE]
    flagged, per = 0, Counter()
    for case_id, en, lang, target in pairs:
        result = checks.check_pair(Pair(en, target, lang, settings=table.SETTINGS,
                                        glossary=table.GLOSSARY))
        said = [(c.name, m) for c, m in result.findings if c.severity in ("error", "warning")]
        flagged += bool(said)
        per.update(name for name, _ in said)
        if said and "-v" in sys.argv:
            for name, message in said:
                print(f"  {case_id} [{lang}] {name}: {message}")
    print(f"locpipe from {Path(locpipe.__file__).parent}")
    print(f"{len(pairs)} correct translations ({len(table.CASES)} sentences: fr, ar, "
          f"{len(table.AR_NATIVE)} ar with Arabic-Indic digits); {flagged} with an error or "
          f"warning, {sum(per.values())} findings"
          + (": " + ", ".join(f"{k} {v}" for k, v in per.most_common()) if per else ""))


if __name__ == "__main__":
    main()
