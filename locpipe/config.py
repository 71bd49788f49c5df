"""Desk settings: a `locpipe.toml` file mapped onto the command's options.

It reads Click's command objects (names of commands and options) but imports no Typer: the
command line hands its command tree in.
"""

from __future__ import annotations

import json
import os
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any, get_args, get_origin

from locpipe.errors import ConfigError

CONFIG_FILE = Path("locpipe.toml")
# Options that take a comma-separated list on the command line: a TOML list is joined.
COMMA_LISTS = {"to"}
# Path options the command line takes as text (an empty --out must stay "", not become "."):
# still paths to the config file.
RAW_PATHS = {"out_dir"}
# What a TOML value must be for an option declared with this type, and how to say it.
_WANTED = {int: "an integer", float: "a number", bool: "true or false", str: "a string",
           Path: "a path (a string)"}
_WANTED_LIST = {int: "a list of integers", float: "a list of numbers", str: "a list of strings",
                Path: "a list of paths (strings)"}


def config_defaults(path: Path, group) -> dict:
    """Option defaults from a desk's config file, as Click's `default_map`: one table per
    command (`[translate]`, `[po.apply]`), keys named like the long options (`digits = "arab"`,
    `locale = ["ar=ar_SY"]`). An option given on the command line replaces the file's value."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError("no such config file", path) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read this config file ({exc})", path) from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"is not valid TOML ({exc})", path) from None
    except RecursionError:  # tomllib recurses once per level of nesting
        raise ConfigError("is nested too deeply to read (arrays or tables inside one another "
                          "hundreds of levels deep); a desk's settings are flat tables like "
                          "[translate]", path) from None
    return _option_table(data, group, path, [])


def _option_table(table: dict, command, path: Path, where: list[str]) -> dict:
    """The table for `command` with keys checked and renamed to Click's parameter names."""
    found: dict = {}
    subcommands = getattr(command, "commands", None)
    options = {opt[2:]: p for p in getattr(command, "params", [])
               if p.param_type_name == "option" for opt in p.opts if opt.startswith("--")}
    for key, value in table.items():
        name = ".".join([*where, key])
        if subcommands is not None:
            if key not in subcommands or not isinstance(value, dict):
                near = _near(key, list(subcommands))
                if near:
                    raise ConfigError(f"[{name}] is not a locpipe command; did you mean "
                                      f"[{'.'.join([*where, near])}]?", path)
                raise ConfigError(f"[{name}] is not a locpipe command; use tables named after "
                                  f"commands: {', '.join(f'[{c}]' for c in subcommands)}", path)
            found[key] = _option_table(value, subcommands[key], path, [*where, key])
        elif key.replace("_", "-") in options:
            param = options[key.replace("_", "-")]
            found[param.name] = _checked(value, param, key.replace("_", "-"), where, path)
        else:
            near = _near(key.replace("_", "-"), list(options))
            hint = (f"did you mean '{near}'?" if near
                    else f"known: {', '.join(sorted(options))}")
            raise ConfigError(f"'{key}' in [{'.'.join(where)}] is not an option of locpipe "
                              f"{' '.join(where)}; {hint}", path)
    return found


def _near(name: str, known: list[str]) -> str | None:
    """The known name closest to a misspelt one (difflib), if any is close enough."""
    import difflib

    found = difflib.get_close_matches(name, known, n=1, cutoff=0.75)
    return found[0] if found else None


def _checked(value: Any, param, option: str, where: list[str], path: Path) -> Any:
    """`value` as the option `param` takes it, or a ConfigError naming the key: the TOML type
    must be the one the option declares (TOML says 2 or "2", true or "true" — only the first
    is a number or a flag), then the option's own conversion runs (Click's `type.convert`,
    or Typer's runtime coercion) and its refusal is turned into the same one line."""
    declared = _declared(param)
    given = value
    multiple = bool(getattr(param, "multiple", False))
    if param.name in COMMA_LISTS and isinstance(value, list) and all(
            isinstance(v, str) for v in value):
        value = ",".join(value)
    if multiple and isinstance(value, str | int | float) and not isinstance(value, bool):
        value = [value]  # one value for a repeatable option
    items = value if multiple and isinstance(value, list) else [value]
    wrong = multiple and not isinstance(value, list) or not all(
        _is(v, declared) for v in items)
    if not wrong:
        try:
            return _convert(param, value)
        except Exception as exc:  # the option's own refusal: Click's BadParameter or alike
            if not hasattr(exc, "format_message") and not isinstance(exc, ValueError | TypeError):
                raise
            wrong = True
    want = _WANTED.get(declared, "a string")
    if multiple:
        want = _WANTED_LIST.get(declared, "a list of strings")
    elif param.name in COMMA_LISTS:
        want = f"{want} or a list of strings"
    shown = json.dumps(given, ensure_ascii=False, default=str)
    raise ConfigError(f"'{option}' in [{'.'.join(where)}] must be {want}, not {shown}", path)


def _declared(param) -> type:
    """The Python type an option is declared with (its element type for a list)."""
    if getattr(param, "name", None) in RAW_PATHS:
        return Path
    descriptor = getattr(param, "type_descriptor", None)
    if descriptor is not None:  # Typer's own parameters
        annotation = descriptor.annotation
        if get_origin(annotation) is list:
            annotation = get_args(annotation)[0]
        return annotation if annotation in _WANTED else str
    click_type = getattr(getattr(param, "type", None), "name", "")
    return {"integer": int, "float": float, "boolean": bool, "path": Path}.get(click_type, str)


def _is(value: Any, declared: type) -> bool:
    if declared is bool:
        return isinstance(value, bool)
    if declared is int:
        return isinstance(value, int) and not isinstance(value, bool)
    if declared is float:
        return isinstance(value, int | float) and not isinstance(value, bool)
    return isinstance(value, str)


def _convert(param, value: Any) -> Any:
    """The option's own conversion of `value`: Click's `type.convert`, or Typer's runtime
    coercion where Typer carries its own parameter types."""
    param_type = getattr(param, "type", None)
    if param_type is not None and hasattr(param_type, "convert"):
        if getattr(param, "multiple", False):
            return [param_type.convert(v, param, None) for v in value]
        return param_type.convert(value, param, None)
    return param.get_runtime_param().coerce(value, param=param, ctx=None)


PATH_MAX = 4096  # bytes in a path the system calls take (Linux); NAME_MAX per component
NAME_MAX = 255


def output_dir(value: str, option: str = "--out") -> Path:
    """The output folder given as `value`, refused when it is empty or blank (Path("") is the
    working directory: a run would write into it and replace its index.html) or longer than
    the system takes (every write would fail with "File name too long")."""
    if not value.strip():
        raise ConfigError(f"{option} is empty; give the output folder, e.g. {option} output "
                          "(use '.' to write into the current folder on purpose)")
    full = os.fsencode(os.path.abspath(value))
    longest = max(os.fsencode(value).split(b"/"), key=len)
    if len(full) >= PATH_MAX or len(longest) > NAME_MAX:
        what = (f"a folder name of {len(longest)} bytes (at most {NAME_MAX})"
                if len(longest) > NAME_MAX else f"{len(full)} bytes (at most {PATH_MAX - 1})")
        raise ConfigError(f"{option} is longer than the system allows: {what}; give a shorter "
                          "path")
    return Path(value)


# --------------------------------------------------------------------------- the desk's files
# A desk's glossary and translation memory are found the way tools find their config file:
# the command line, then the environment, then locpipe.toml, then the nearest folder of that
# name above the articles, then above the working directory. Where an option's value came
# from is Click's parameter source, handed in by name: COMMANDLINE, ENVIRONMENT, DEFAULT_MAP
# (locpipe.toml), DEFAULT.
_RANK = {"COMMANDLINE": 0, "ENVIRONMENT": 1, "DEFAULT_MAP": 2}


@dataclass
class DeskFolder:
    """A desk's glossary or memory as a run uses it: `paths` (none: the run goes without) and
    how they were chosen, in words ("--glossary", "LOCPIPE_GLOSSARY", "locpipe.toml", "found
    above samples/wire.txt", "--no-glossary")."""

    paths: list[Path]
    chosen_by: str


def find_above(name: str, start: Path) -> Path | None:
    """The nearest folder called `name` in `start`'s folder (or `start` itself when it is a
    folder) or any folder above it."""
    here = start.absolute()
    if not here.is_dir():
        here = here.parent
    for folder in (here, *here.parents):
        candidate = folder / name
        if candidate.is_dir():
            return candidate
    return None


def desk_folder(kind: str, given: list[Path], given_from: str, off: bool, off_from: str,
                inputs: list[Path], cwd: Path | None = None, without: str = "translate"
                ) -> DeskFolder:
    """The glossary (`kind` "glossary") or translation memory ("memory") a run uses: `given`
    (--glossary / LOCPIPE_GLOSSARY / locpipe.toml, from `given_from`), else none when `off`
    (--no-glossary …) says so, else the nearest `kind/` folder above the input files, else
    above the working directory; a ConfigError when none is found, or when the articles sit
    under different ones."""
    option, env = f"--{kind}", f"LOCPIPE_{kind.upper()}"
    names = {"COMMANDLINE": option, "ENVIRONMENT": env, "DEFAULT_MAP": str(CONFIG_FILE)}
    given_rank = _RANK.get(given_from, 3) if given else 4
    off_rank = _RANK.get(off_from, 3) if off else 4
    if given and off and given_rank == off_rank:
        where = "" if given_from == "COMMANDLINE" else f" (both from {names[given_from]})"
        raise ConfigError(f"{option} and --no-{kind} contradict each other{where}; give one")
    if off and off_rank < given_rank:
        off_names = {"ENVIRONMENT": f"LOCPIPE_NO_{kind.upper()}",
                     "DEFAULT_MAP": f"no-{kind} in {CONFIG_FILE}"}
        return DeskFolder([], off_names.get(off_from, f"--no-{kind}"))
    if given:
        return DeskFolder(list(given), names.get(given_from, option))
    found: dict[Path, Path] = {}  # folder -> the first input under it
    for path in inputs:
        folder = find_above(kind, path)
        if folder is not None:
            found.setdefault(folder, path)
    if len(found) > 1:
        shown = ", ".join(str(f) for f in found)
        raise ConfigError(f"the articles are under different {kind} folders ({shown}); "
                          f"translate them separately, or choose one with {option} DIR")
    if found:
        folder, path = next(iter(found.items()))
        return DeskFolder([folder], f"found above {path}")
    folder = find_above(kind, cwd or Path.cwd())
    if folder is not None:
        return DeskFolder([folder], "found above the working directory")
    what = "glossary" if kind == "glossary" else "translation memory"
    raise ConfigError(
        f"no {what} found: no {option}, {env} or {CONFIG_FILE} setting, and no {kind}/ "
        f"folder above the articles or the working directory; point at the desk's with "
        f"{option} DIR, or run with --no-{kind} to {without} without one")
