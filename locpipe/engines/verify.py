"""Checking installed models: load each one and translate a probe sentence.

It sits above both `packages` (what is installed) and the Argos engine (how a model is loaded),
so neither of those imports the other's users.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from locpipe.engines import EngineOptions
from locpipe.engines.argos import ArgosModel, load_model
from locpipe.engines.packages import InstalledPackage, installed_packages
from locpipe.errors import ModelError

PROBE = "The United Nations said on Monday that 50,000 people had fled the city."


@dataclass(frozen=True)
class VerifyResult:
    package: InstalledPackage
    ok: bool
    output: str  # the probe's translation, or the error
    seconds: float



def probe_fault(package: InstalledPackage, probe: str = PROBE) -> str:
    """Why `package` cannot be used ("" when it loads and translates the probe). The model is
    loaded afresh, not cached: this checks a package before it is installed."""
    try:  # anything an untrusted package makes CTranslate2 raise is the package's fault
        model = ArgosModel(package)
    except Exception:
        return "its model (model/) cannot be loaded by CTranslate2"
    try:
        output = model.translate([probe])[0]
    except Exception:
        return "its model fails when translating a test sentence"
    if not output.strip():
        return "its model translates a test sentence to nothing"
    return ""


def verify(pairs: list[tuple[str, str]] | None = None, probe: str = PROBE
           ) -> list[VerifyResult]:
    """Load each installed model (or those for `pairs`) and translate a short probe."""
    packages = installed_packages()
    if pairs:
        packages = [p for p in packages if (p.from_code, p.to_code) in pairs]
    if not packages:
        raise ModelError("no models installed to verify; install them with "
                         "'locpipe models install fr ar'")
    results = []
    for pkg in packages:
        start = time.perf_counter()
        try:
            output = load_model(pkg, EngineOptions()).translate([probe])[0]
            ok = bool(output.strip())
            if not ok:
                output = "empty translation"
        except Exception as exc:  # a broken model: report it, check the others
            ok, output = False, f"{type(exc).__name__}: {exc}"
        results.append(VerifyResult(pkg, ok, output, time.perf_counter() - start))
    return results
