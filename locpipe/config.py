"""Desk settings: a `locpipe.toml` file mapped onto the command's options.

It reads Click's command objects (names of commands and options) but imports no Typer: the
command line hands its command tree in.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

from locpipe.errors import ConfigError

CONFIG_FILE = Path("locpipe.toml")


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
    return _option_table(data, group, path, [])


def _option_table(table: dict, command, path: Path, where: list[str]) -> dict:
    """The table for `command` with keys checked and renamed to Click's parameter names."""
    found: dict = {}
    subcommands = getattr(command, "commands", None)
    options = {opt[2:]: p.name for p in getattr(command, "params", [])
               if p.param_type_name == "option" for opt in p.opts if opt.startswith("--")}
    for key, value in table.items():
        name = ".".join([*where, key])
        if subcommands is not None:
            if key not in subcommands or not isinstance(value, dict):
                raise ConfigError(f"[{name}] is not a locpipe command; use tables named after "
                                  f"commands: {', '.join(f'[{c}]' for c in subcommands)}", path)
            found[key] = _option_table(value, subcommands[key], path, [*where, key])
        elif key.replace("_", "-") in options:
            found[options[key.replace("_", "-")]] = value
        else:
            raise ConfigError(f"'{key}' in [{'.'.join(where)}] is not an option of locpipe "
                              f"{' '.join(where)}; known: {', '.join(sorted(options))}", path)
    return found
