"""Installing converted CTranslate2 models (OPUS-MT, NLLB-200, M2M-100) from a directory.

`install_from_dir(DIR, name, pair)` recognises the family from the files
(locpipe.engines.ct2models.detect), copies the directory into a hidden temporary directory
inside the models directory, loads the copy and translates a probe sentence there (the same
check as an Argos package gets), and only then renames it into place: a model under the same
name is replaced in one rename and removed after; if anything fails, the installed set is
exactly what it was. Offline: nothing here touches the network.
"""

from __future__ import annotations

import shutil
import tempfile
import time
from dataclasses import dataclass, replace
from pathlib import Path

from locpipe.engines import EngineOptions
from locpipe.engines.ct2 import FamilyModel, forget
from locpipe.engines.ct2models import (
    RECORD,
    TMP_PREFIX,
    CT2Model,
    detect,
    digest,
    dir_size,
    models_dir,
    record,
)
from locpipe.engines.verify import PROBE
from locpipe.errors import ModelError


def probe_pair(model: CT2Model) -> tuple[str, str]:
    """The pair a model is checked with: its own (OPUS-MT), else English into French (or its
    first other language)."""
    if model.family == "marian":
        return model.pairs[0]
    langs = list(model.languages)
    source = "en" if "en" in langs else langs[0]
    others = [c for c in langs if c != source]
    return source, ("fr" if "fr" in others else others[0])


def probe_fault(model: CT2Model, probe: str = PROBE) -> str:
    """Why `model` cannot be used ("" when it loads and translates the probe); loaded afresh."""
    source, target = probe_pair(model)
    try:
        loaded = FamilyModel(model, source, target, **_probe_layout())
    except Exception:
        return "CTranslate2 cannot load its model.bin"
    try:
        output = loaded.translate([probe])[0]
    except Exception:
        return f"it fails when translating a test sentence ({source}→{target})"
    if not output.strip():
        return f"it translates a test sentence ({source}→{target}) to nothing"
    return ""


def _probe_layout() -> dict:
    options = EngineOptions()
    return {"threads": options.threads, "workers": 1, "device": "cpu"}


def _clean_stale(directory: Path) -> None:
    for stale in directory.glob(TMP_PREFIX + "*"):
        if stale.is_dir() and time.time() - stale.stat().st_mtime > 3600:
            shutil.rmtree(stale, ignore_errors=True)


def install_from_dir(path: Path, name: str = "", pair: tuple[str, str] | None = None
                     ) -> CT2Model:
    """Check, probe and install the converted model in `path` under `name` (default: the
    directory's name); return the installed model."""
    found = detect(path, name, pair)
    directory = models_dir()
    directory.mkdir(parents=True, exist_ok=True)
    _clean_stale(directory)
    tmp = Path(tempfile.mkdtemp(prefix=TMP_PREFIX + "new-", dir=directory))
    old = directory / f"{TMP_PREFIX}old-{tmp.name[len(TMP_PREFIX) + 4:]}"
    final = directory / found.name
    try:
        staged = tmp / "model"
        try:
            shutil.copytree(path, staged, symlinks=False)
        except (OSError, shutil.Error) as exc:
            raise ModelError(f"cannot be copied ({exc}); nothing was installed", path) from None
        staged_model = replace(found, path=staged, size=dir_size(staged),
                               digest=digest(staged))
        fault = probe_fault(staged_model)
        if fault:
            raise ModelError(f"not installed: {fault}; convert it again with "
                             "ct2-transformers-converter (see docs/models.md)", path)
        (staged / RECORD).write_text(record(staged_model), encoding="utf-8")
        if final.exists():
            final.rename(old)
        try:
            staged.rename(final)
        except OSError:
            if old.exists():
                old.rename(final)
            raise
        forget(final)  # a process that loaded the old model reloads the new one
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
        shutil.rmtree(old, ignore_errors=True)
    return replace(staged_model, path=final)


def remove(names: list[str]) -> list[CT2Model]:
    """Remove the CTranslate2 models installed under `names` (each renamed aside first, so a
    reader never sees half a model)."""
    from locpipe.engines.ct2models import find_model, installed_models

    removed = []
    for name in names:
        model = find_model(name)
        if model is None:
            have = ", ".join(m.name for m in installed_models()) or "none"
            raise ModelError(f"no model named '{name}' is installed (installed: {have})")
        removed.append(model)
    for model in removed:
        trash = model.path.with_name(f"{TMP_PREFIX}rm-{model.path.name}")
        model.path.rename(trash)
        forget(model.path)
        shutil.rmtree(trash, ignore_errors=True)
    return removed


@dataclass(frozen=True)
class Checked:
    """`models verify` for one CTranslate2 model: the probe translated into one language."""

    model: CT2Model
    pair: tuple[str, str]
    ok: bool
    output: str
    seconds: float
    problem: str = ""
    note: str = ""


def verify(names: list[str] | None = None, probe: str = PROBE) -> list[Checked]:
    """Load each installed CTranslate2 model (or those named) and translate the probe into its
    probe language, checking that the output is in that language (as for Argos packages)."""
    from locpipe.engines.ct2 import load_family_model
    from locpipe.engines.ct2models import installed_models
    from locpipe.engines.verify import probe_language

    models = [m for m in installed_models() if not names or m.name in names]
    results = []
    for model in models:
        pair = probe_pair(model)
        start = time.perf_counter()
        problem = note = ""
        try:
            output = load_family_model(model, *pair, EngineOptions()).translate([probe])[0]
            ok = bool(output.strip())
            if not ok:
                output = "empty translation"
            else:
                problem, note = probe_language(output, pair[1], probe)
                ok = not problem
        except Exception as exc:  # a broken model: report it, check the others
            ok, output = False, f"{type(exc).__name__}: {exc}"
        results.append(Checked(model, pair, ok, output, time.perf_counter() - start, problem,
                               note))
    return results
