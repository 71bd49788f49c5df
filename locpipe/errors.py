"""The errors a user can cause. Each message is one line: what is wrong and what to do.

The CLI prints `Error: <message>` on stderr and exits with `exit_code`; nothing else in
locpipe prints errors or exits.
"""


class LocpipeError(Exception):
    """A problem with the user's input or set-up (exit code 2)."""

    exit_code = 2

    def __init__(self, message: str, path: object | None = None, line: int | None = None):
        self.path = path
        self.line = line
        where = ""
        if path is not None:
            where = f"{path}:{line}: " if line is not None else f"{path}: "
        super().__init__(where + message)


class InputError(LocpipeError):
    """An article or data file that cannot be read."""


class ConfigError(LocpipeError):
    """A bad option, language, locale or engine name."""


class ModelError(LocpipeError):
    """A translation model that is missing, corrupt or cannot be installed."""
