"""The command line: parse arguments, call the library, turn its errors into one line.

Only this module imports Typer and prints; the pipeline knows nothing of the terminal.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    DownloadColumn,
    Progress,
    TextColumn,
    TransferSpeedColumn,
)
from rich.table import Table
from typer._click import exceptions as click_errors  # Typer vendors Click since 0.23

from locpipe.config import CONFIG_FILE, config_defaults, output_dir
from locpipe.document import FAIL_ON
from locpipe.errors import LocpipeError


class _OneLineErrors(typer.core.TyperGroup):
    """The command group, with Click's usage errors (an unknown option, `--beam-size x`) as
    one line naming the option, like every other error, instead of a usage box; a file-system
    error nothing else caught (a path longer than the system allows) or a structure nested too
    deep to read is one line too. Tracebacks stay for bugs (and --debug)."""

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True,
             **extra):
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, standalone_mode, **extra)
        _tolerant_streams()
        previous = _terminate_like_ctrl_c()
        try:
            code = super().main(args, prog_name, complete_var, False, **extra)
        except click_errors.NoArgsIsHelpError as exc:
            exc.show()
            sys.exit(exc.exit_code)
        except click_errors.ClickException as exc:
            sys.exit(_one_line_usage(exc))
        except typer.Abort:
            typer.echo("Error: aborted; nothing more was done", err=True)
            sys.exit(1)
        except (OSError, RecursionError) as exc:
            if DEBUG:
                raise
            sys.exit(_unexpected(exc))
        finally:
            _restore_sigterm(previous)
        sys.exit(code or 0)


class Terminated(KeyboardInterrupt):
    """SIGTERM (kill, a service stop, a CI timeout): handled like Ctrl-C, so the run says what
    it finished; exit 143 (128 + 15) as a shell expects."""


def _on_sigterm(signum, frame) -> None:
    raise Terminated


def _terminate_like_ctrl_c() -> object:
    """Handle SIGTERM like Ctrl-C while a command runs; returns the handler it replaced."""
    import signal
    import threading

    if threading.current_thread() is threading.main_thread():
        return signal.signal(signal.SIGTERM, _on_sigterm)
    return None


def _restore_sigterm(previous: object) -> None:
    import signal

    if previous is not None:
        signal.signal(signal.SIGTERM, previous)  # type: ignore[arg-type]


def _stopped(exc: BaseException) -> tuple[str, int]:
    """The word and exit code for an interrupted command: Ctrl-C or SIGTERM."""
    return ("Terminated", 143) if isinstance(exc, Terminated) else ("Interrupted", 130)


def _tolerant_streams() -> None:
    """A terminal or pipe that cannot show every character (PYTHONIOENCODING=ascii, a C
    locale) gets escapes (\\u0645) for the ones it cannot show, never a UnicodeEncodeError
    after the work is done."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            try:
                reconfigure(errors="backslashreplace")
            except (ValueError, OSError):  # a closed or foreign stream: leave it
                pass


def _one_line_usage(exc: click_errors.ClickException) -> int:
    """Print a Click error as one line (`Error: Invalid value for '--beam-size': 'x' is not a
    valid integer. See 'locpipe translate --help'.`) and give its exit code."""
    message = " ".join(exc.format_message().split())
    if not message.endswith((".", "?", "!")):
        message += "."
    ctx = getattr(exc, "ctx", None)
    usage = ctx is not None and isinstance(exc, click_errors.UsageError)
    hint = f" See '{ctx.command_path} --help'." if usage else ""
    typer.echo(f"Error: {message}{hint}", err=True)
    return exc.exit_code


def _unexpected(exc: BaseException) -> int:
    if isinstance(exc, RecursionError):
        typer.echo("Error: an input is nested too deeply to read (a config file, a PO "
                   "header or an article); simplify it", err=True)
        return 2
    where = f"{exc.filename}: " if getattr(exc, "filename", None) else ""
    if len(where) > 200:
        where = where[:100] + "…: "
    typer.echo(f"Error: {where}{exc.strerror or exc}; check the path", err=True)
    return 2


app = typer.Typer(
    cls=_OneLineErrors,
    help="Offline translation and localisation of news articles (English to French and Arabic).",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
console = Console(stderr=True)
out = Console()
DEBUG = False
T = TypeVar("T")


def fail(message: str, code: int = 2) -> None:
    """Print one line on stderr and exit."""
    typer.echo(f"Error: {message}", err=True)
    raise typer.Exit(code)


def call(fn: Callable[..., T], *args, **kwargs) -> T:
    """Run a library call; a user error becomes one line on stderr and its exit code."""
    try:
        return fn(*args, **kwargs)
    except LocpipeError as exc:
        if DEBUG:
            raise
        fail(str(exc), exc.exit_code)
        raise AssertionError("unreachable") from exc


@app.callback()
def _root(
    ctx: typer.Context,
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks.")] = False,
    config: Annotated[Path | None, typer.Option(
        "--config", help=f"Desk settings (TOML); default ./{CONFIG_FILE} if present.")] = None,
) -> None:
    global DEBUG
    DEBUG = debug
    path = config or (CONFIG_FILE if CONFIG_FILE.is_file() else None)
    if path is not None:
        ctx.default_map = call(config_defaults, path, ctx.command)


def _engine_help() -> str:
    from locpipe.engines import engines_help  # engine modules are light: no ctranslate2

    return f"Translation engine: {engines_help()}."


ENGINE_HELP = _engine_help()
GlossaryDirs = Annotated[list[Path] | None, typer.Option(
    "--glossary", help="Glossary directory or CSV file (repeatable; default ./glossary).")]


def one_of(*choices: str, option: str = "format",
           known: Callable[[], Sequence[str]] | None = None) -> Callable[[str], str]:
    """An option callback (a choice type): the value if it is one of `choices` (or of
    `known()`, asked when the option is checked: the library's own list, imported only
    then), else the one-line error "unknown format 'x'; available: json, text" (exit 2)."""
    def check(value: str) -> str:
        allowed = tuple(known()) if known is not None else choices
        if value not in allowed:
            fail(f"unknown {option} '{value}'; available: {', '.join(allowed)}")
        return value
    return check


def _date_orders() -> Sequence[str]:
    from locpipe.rules.numbers import DATE_ORDERS

    return DATE_ORDERS


# Shared option declarations: each is declared once, here.
TextOrJson = Annotated[str, typer.Option("--format", help="text or json.",
                                         callback=one_of("json", "text"))]
FAIL_ON_CHOICE = one_of(*FAIL_ON, option="--fail-on")
DeskMemory = Annotated[Path | None, typer.Option(
    "--memory", envvar="LOCPIPE_MEMORY", show_envvar=True,
    help="Translation memory directory (reviewed PO files; po apply records in it, creating "
         "it if missing). Default: LOCPIPE_MEMORY, locpipe.toml, else the nearest memory/ "
         "folder above the inputs or the working directory.")]
NoMemory = Annotated[bool, typer.Option(
    "--no-memory", envvar="LOCPIPE_NO_MEMORY", show_envvar=True,
    help="Use no translation memory (neither read nor recorded in).")]
DeskGlossary = Annotated[list[Path] | None, typer.Option(
    "--glossary", envvar="LOCPIPE_GLOSSARY", show_envvar=True,
    help="Glossary directory or CSV file (repeatable). Default: LOCPIPE_GLOSSARY, "
         "locpipe.toml, else the nearest glossary/ folder above the inputs or the working "
         "directory.")]
NoGlossary = Annotated[bool, typer.Option(
    "--no-glossary", envvar="LOCPIPE_NO_GLOSSARY", show_envvar=True,
    help="Use no glossary.")]
StoredMemory = Annotated[Path, typer.Option("--memory", help="Translation memory directory.")]


# translate's options (the shared ones above)
Targets = Annotated[str, typer.Option(
    "--to", help="Target languages, comma-separated: any language code CLDR knows that the "
                 "engine can translate (argos: an installed model, see 'locpipe models list'; "
                 "pseudo: any).")]
EngineName = Annotated[str, typer.Option(help=ENGINE_HELP)]
EngineSettings = Annotated[list[str] | None, typer.Option(
    "--engine-option", help="The engine's own setting, NAME=VALUE (repeatable); each "
                            "engine's are listed under --engine.")]
OutDir = Annotated[str, typer.Option("--out", help="Output directory.")]
InputEncoding = Annotated[str, typer.Option(help="Encoding of the input files.")]
SourceLang = Annotated[str, typer.Option("--source-lang", help="Language of the articles.")]
Force = Annotated[bool, typer.Option(
    "--force", help="Redo every article, also those whose outputs are up to date and those "
                    "that do not look like --source-lang.")]
Threads = Annotated[int, typer.Option(help="CPU threads for the engine in all (0 = every "
                                           "CPU).")]
WorkersPerModel = Annotated[int, typer.Option(
    "--workers-per-model", help="Translations run in parallel per model; the threads are "
                                "shared among them (0 = chosen from the CPU count).")]
BatchTokens = Annotated[int, typer.Option(
    "--batch-tokens", help="Tokens per engine sub-batch (0 = measured default).")]
BatchInputs = Annotated[int, typer.Option(
    "--batch-inputs", help="Segments per engine call; bounds memory (0 = measured default).")]
RetryShare = Annotated[float, typer.Option(
    "--retry-budget", help="Second passes (markup re-alignment, language retry, glossary "
                           "retry) may decode at most this share of the first pass's tokens "
                           "(0.4 = +40 %, about +50 % of its time).")]
BeamSize = Annotated[int, typer.Option(help="Beam size (argos default 4).")]
LengthPenalty = Annotated[float, typer.Option(help="Length penalty (argos default 0.2).")]
Locales = Annotated[list[str] | None, typer.Option(
    "--locale", help="Target locale, LANG=LOCALE (repeatable), e.g. ar=ar_SY for Levantine "
                     "month names. Default: the language's profile (fr=fr_FR, es=es_ES…).")]
Digits = Annotated[str, typer.Option(
    help="Digits: latn (0-9), native or default (each locale's CLDR system), a CLDR numbering "
         "system (arab, arabext, deva, thai, hanidec…) or LANG=SYSTEM,… e.g. "
         "fa=arabext,hi=deva.")]
DateOrder = Annotated[str, typer.Option(
    "--date-order", help="How to read ambiguous source dates like 03/04/2024: mdy or dmy.",
    callback=one_of(option="--date-order", known=_date_orders))]
FailOnWritten = Annotated[str, typer.Option(
    "--fail-on", help="Exit 1 (after writing everything) when QA finds something this "
                      "severe: error, warning (errors too) or never.", callback=FAIL_ON_CHOICE)]
Device = Annotated[str, typer.Option(help="Where the argos engine runs: auto (a CUDA GPU when "
                                          "one is visible), cpu or cuda.")]
Workers = Annotated[int, typer.Option(help="Run on N local Dask worker processes (needs "
                                           "locpipe[cluster]); 0: in this process.")]
Scheduler = Annotated[str, typer.Option(help="Run on an existing Dask cluster, tcp://HOST:PORT "
                                             "(OUT must be on a filesystem every worker "
                                             "reaches).")]
ShardSize = Annotated[int, typer.Option("--shard-size", help="Segments per shard (articles "
                                        "translated together, then written).")]
Quiet = Annotated[bool, typer.Option("--quiet", "-q", help="Print nothing but errors.")]
SummaryFormat = Annotated[str, typer.Option(
    "--format", help="Summary as text or json (per-article detail).",
    callback=one_of("json", "text"))]
TrustHtml = Annotated[bool, typer.Option(
    "--trust-html", help="Fragments keep the input's HTML as it was (embeds, scripts): only "
                         "for a CMS whose HTML the desk trusts. Default: sanitised.")]


@app.command()
def translate(
    ctx: typer.Context,
    inputs: Annotated[list[Path], typer.Argument(help="Article files (.txt, .md, .html) or "
                                                       "directories of them.")],
    to: Targets = "fr,ar",
    engine: EngineName = "",
    engine_option: EngineSettings = None,
    out_dir: OutDir = "output",
    encoding: InputEncoding = "utf-8",
    source_lang: SourceLang = "en",
    force: Force = False,
    memory: DeskMemory = None,
    no_memory: NoMemory = False,
    threads: Threads = 0,
    workers_per_model: WorkersPerModel = 0,
    batch_tokens: BatchTokens = 0,
    batch_inputs: BatchInputs = 0,
    retry_budget: RetryShare = 0.4,
    beam_size: BeamSize = 4,
    length_penalty: LengthPenalty = 0.2,
    glossary: DeskGlossary = None,
    no_glossary: NoGlossary = False,
    locale: Locales = None,
    digits: Digits = "latn",
    date_order: DateOrder = "mdy",
    fail_on: FailOnWritten = "never",
    device: Device = "auto",
    workers: Workers = 0,
    scheduler: Scheduler = "",
    shard_size: ShardSize = 0,
    quiet: Quiet = False,
    format: SummaryFormat = "text",
    trust_html: TrustHtml = False,
) -> None:
    """Translate articles and write localized HTML pages and PO files to OUT/<slug>/."""
    from locpipe.context import Settings

    out = call(output_dir, out_dir)  # "" is not "."
    _stray_languages(inputs, to)
    gloss = _desk_folder(ctx, "glossary", glossary or [], no_glossary, inputs)
    mem = _desk_folder(ctx, "memory", [memory] if memory else [], no_memory, inputs)
    settings = call(Settings.from_options, to, engine=engine, engine_option=engine_option or (),
                    locale=locale or (), digits=digits, retry_budget=retry_budget,
                    threads=threads, workers_per_model=workers_per_model,
                    batch_tokens=batch_tokens, batch_inputs=batch_inputs, beam_size=beam_size,
                    length_penalty=length_penalty, device=device, out_dir=out,
                    encoding=encoding, source_lang=source_lang, force=force,
                    memory_dir=mem.paths[0] if mem.paths else None, glossary_dirs=gloss.paths,
                    use_glossary=bool(gloss.paths), date_order=date_order,
                    trust_html=trust_html)
    options: dict[str, Any] = {"incremental": not force, "keep": False}
    if shard_size:
        options["shard_segments"] = shard_size
    result = _execute(inputs, settings, options, quiet, workers, scheduler, threads)
    _finish(result, gloss, mem, format, quiet, fail_on, settings.trust_html)


def _execute(inputs: list[Path], settings: Any, options: dict[str, Any], quiet: bool,
             workers: int, scheduler: str, threads: int) -> Any:
    """`translate`'s run, in this process or on a Dask cluster, shown as it goes; Ctrl-C
    says what was written and exits."""
    import time

    if workers > 0 and not scheduler:
        from locpipe import cluster

        cluster.start_fork_server()  # it imports the pipeline while this process does
    from locpipe import pipeline

    display = _RunDisplay(quiet)
    started = time.time()
    try:
        with display:
            if workers or scheduler:
                from locpipe import cluster

                if workers and not threads:  # N engines share the CPUs, not each take all
                    settings.engine_options.threads = cluster.engine_threads(workers)

                with call(cluster.connect, workers, scheduler) as executor:  # closes it
                    display.note(f"on {executor.workers} Dask worker(s)")
                    return call(pipeline.run, inputs, settings, display.on_progress,
                                on_event=display.on_event, executor=executor,
                                count=display.live, **options)
            return call(pipeline.run, inputs, settings, display.on_progress,
                        on_event=display.on_event, count=display.live, **options)
    except KeyboardInterrupt as exc:
        from locpipe.formats.manifest import written_since

        word, code = _stopped(exc)
        done = dict(display.done)  # a cluster's workers may have written more than they said
        done["written"] = max(done.get("written", 0), written_since(settings.out_dir, started))
        typer.echo(_interrupted_translate(inputs, settings.out_dir, done, word), err=True)
        raise typer.Exit(code) from None


def _finish(result: Any, gloss: Any, mem: Any, format: str, quiet: bool, fail_on: str,
            trust_html: bool = False) -> None:
    """`translate`'s summary and exit code: 2 when an article failed, 1 when QA found what
    --fail-on names in any article of the run (written now or up to date)."""
    from locpipe.document import failing

    if format == "json":
        for chunk in _summary_json(result, gloss, mem, sanitised=not trust_html):
            sys.stdout.write(chunk)
    elif not quiet:
        _summary(result, gloss, mem)
        if trust_html and result.written:
            out.print("Sanitising — off (--trust-html): the fragments keep the input's HTML as "
                      "it was, scripts and embeds included; the pages are sanitised.",
                      soft_wrap=True, highlight=False)
    for failure in result.failures:
        typer.echo(f"Error: {failure}", err=True)
    if result.failures:
        raise typer.Exit(2)
    gate = failing(result.tally_all()["severity"], fail_on)
    if gate:
        typer.echo(f"Error: --fail-on {fail_on}: QA found {_counted(gate)}; the pages were "
                   "written, see report.html in each article's folder", err=True)
        raise typer.Exit(1)


def _stray_languages(inputs: list[Path], to: str) -> None:
    """`--to fr ar` (a space) reads `ar` as an article: say how to write it before anything
    is translated."""
    from locpipe.engines import is_language_code

    stray = [p.name for p in inputs if not p.exists() and p.name == str(p) and not p.suffix
             and is_language_code(p.name.lower())]
    if stray:
        wanted = ",".join(dict.fromkeys([*(x.strip() for x in to.split(",") if x.strip()),
                                         *stray]))
        fail(f"no article file '{stray[0]}': to translate into several languages, write "
             f"--to {wanted}")


def _desk_folder(ctx: typer.Context, kind: str, given: list[Path], off: bool,
                 inputs: list[Path], without: str = "translate"):
    """The glossary or memory the run uses (see `config.desk_folder`), from where each of
    --KIND and --no-KIND came from (command line, environment, locpipe.toml)."""
    from locpipe.config import desk_folder

    def source(name: str) -> str:
        found = ctx.get_parameter_source(name)
        return found.name if found is not None else "DEFAULT"

    return call(desk_folder, kind, given, source(kind), off, source(f"no_{kind}"), inputs,
                without=without)


class _RunDisplay:
    """The progress of a translate run: one status line on a terminal, laid out by priority
    for its width (`_status_line`); plain lines, one per finished shard of a multi-shard run,
    when stderr is not a terminal; nothing with --quiet."""

    def __init__(self, quiet: bool) -> None:
        import time

        from rich.live import Live

        self.quiet = quiet
        self.live = console.is_terminal and not quiet
        self.start = time.monotonic()
        self.done = {"total": 0, "translated": 0, "written": 0, "skipped": 0, "failed": 0}
        self.articles = 0
        self.shards = 0
        self.planned = 0  # segment-languages of the run, counted before the first shard
        self.dropped = 0  # of those, the ones of articles up to date or failed
        self.where = ""
        self.lang = ""
        self.stage = "finding articles"
        self.article = ""
        self.display = Live(_Status(self), console=console, transient=True,
                            refresh_per_second=4) if self.live else None

    def __enter__(self) -> _RunDisplay:
        if self.display is not None:
            self.display.__enter__()
        return self

    def __exit__(self, *exc: object) -> None:
        if self.display is not None:
            self.display.__exit__(*exc)

    def note(self, where: str) -> None:
        self.where = where

    def on_progress(self, kind: str, count: int) -> None:
        self.done[kind] = self.done.get(kind, 0) + count

    def on_event(self, event) -> None:
        if event.kind == "plan":
            self.articles = event.count
            self.shards = int(event.stage.split()[0]) if event.stage else 0
        elif event.kind == "planned":
            self.planned = event.segments
        elif event.kind in ("written", "skipped", "failed"):
            self.dropped += event.segments
            if event.kind != "failed" and not self.live and not self.quiet and \
                    self.shards > 1 and self._finished() % self._per_line() == 0:
                typer.echo(self._line(), err=True)
        if event.kind == "stage":
            self.lang, self.stage, self.article = event.lang, event.stage, event.article
        elif event.kind == "retried":
            self.lang, self.article = event.lang, event.article
            self.stage = f"retrying {event.count} segment(s)"

    def _finished(self) -> int:
        return self.done["written"] + self.done["skipped"] + self.done["failed"]

    def _per_line(self) -> int:
        return max(1, self.articles // max(1, self.shards))

    def segments(self) -> tuple[int, int]:
        """Segment-languages translated, and of how many (known from the start)."""
        total = self.planned - self.dropped if self.planned else self.done["total"]
        return self.done["translated"], max(total, self.done["translated"])

    def eta(self) -> float | None:
        """Seconds left, from the rate so far (segments, else articles); None before any."""
        import time

        elapsed = time.monotonic() - self.start
        done, total = self.segments()
        if done and total:
            return elapsed / done * (total - done)
        n = self._finished()
        return elapsed / n * (self.articles - n) if n else None

    def _line(self) -> str:
        import time

        elapsed = time.monotonic() - self.start
        n = self._finished()
        eta = elapsed / n * (self.articles - n) if n else 0
        return (f"{n}/{self.articles} articles ({self.done['written']} written, "
                f"{self.done['skipped']} up to date), {self.done['translated']:,} segments "
                f"translated, {_clock(elapsed)} elapsed, about {_clock(eta)} left")


class _Status:
    """The live status line, composed for the terminal's width at each refresh."""

    def __init__(self, display: _RunDisplay) -> None:
        self.display = display

    def __rich_console__(self, console_, options):
        from rich.text import Text

        yield Text(_status_line(self.display, options.max_width), no_wrap=True,
                   overflow="crop")


SEPARATOR = " · "


def _status_line(d: _RunDisplay, width: int) -> str:
    """The run's status in `width` columns, by priority: articles n/N and the time left
    first, then language and stage, segments, elapsed time, the article, where it runs. Each
    part has a long and a short form; a part that does not fit even short is left out,
    never cut in the middle."""
    import time

    from rich.cells import cell_len

    done, total = d.segments()
    eta = d.eta()
    left = (f"about {_clock(eta)} left", f"{_clock(eta)} left") if eta is not None else \
        ("estimating time left", "ETA …")
    n = d._finished()
    arts = ((f"{n}/{d.articles} articles", f"{n}/{d.articles}") if d.articles
            else ("finding articles", "…"))
    stage = d.stage.split(" (")[0]
    where = (f"{d.lang}: {stage}", d.lang) if d.lang else (stage, "")
    parts = [arts, left, where,
             (f"{done:,}/{total:,} segments", f"{done:,}/{total:,}") if total else ("", ""),
             (f"{_clock(time.monotonic() - d.start)} elapsed", ""),
             (d.article, ""), (d.where, "")]
    room = max(width - 1, 0)  # (the last column would make some terminals wrap)
    chosen: list[str] = []
    for long, short in parts:
        used = cell_len(SEPARATOR.join(chosen))
        for form in (long, short):
            extra = cell_len(form) + (len(SEPARATOR) if chosen else 0)
            if form and used + extra <= room:
                chosen.append(form)
                break
    return SEPARATOR.join(chosen)


def _clock(seconds: float) -> str:
    s = int(seconds)
    if s >= 3600:
        return f"{s // 3600}:{s // 60 % 60:02d}:{s % 60:02d}"
    return f"{s // 60}:{s % 60:02d}"


def _counted(counts: dict[str, int]) -> str:
    """ "2 errors and 1 warning" from counts per severity """
    parts = [f"{n} {sev}{'s' if n != 1 else ''}" for sev, n in counts.items()]
    return " and ".join(sorted(parts, key=lambda p: "error" not in p))


def _interrupted_translate(inputs: list[Path], out_dir: Path, done: dict[str, int],
                           word: str = "Interrupted") -> str:
    """What a Ctrl-C left: how many articles were written (each whole: pages, report and PO
    files are renamed into place together) and how many were not."""
    from locpipe import pipeline

    try:
        total: int | None = len(pipeline.expand_inputs(inputs, out_dir))
    except (LocpipeError, OSError):
        total = None
    written = done.get("written", 0)
    of = f" of {total}" if total is not None else ""
    if written:
        rest = f"; the other {total - written} were not" if total else ""
        return (f"{word}: {written}{of} article(s) written to {out_dir}{rest}; no file was "
                "left half-written. Run the same command again to finish.")
    step = ""
    if done.get("total"):
        step = f" while translating ({done.get('translated', 0)} of {done['total']} segments)"
    none = f"none of the {total} article(s) was" if total else "no article was"
    return (f"{word}{step}: {none} written to {out_dir}; nothing partial was left. Run the "
            "same command again to finish.")


def _say(text: str) -> None:
    """One summary line: on a terminal wrapped between words at its width (never mid-word,
    but for a word longer than the line); piped, one line as it is."""
    out.print(text, soft_wrap=not out.is_terminal, highlight=False, markup=False)


def _desk_line(kind: str, folder, count: str) -> str:
    """ "Glossary — 141 entries from /srv/desk/glossary" """
    if not folder.paths:
        return f"{kind} — none ({folder.chosen_by})"
    import os

    return f"{kind} — {count} from {', '.join(os.path.abspath(p) for p in folder.paths)}"


def _desk_lines(result, gloss, mem) -> None:
    """Which glossary and memory the run used ("Glossary — 141 entries from …")."""
    if gloss is not None:
        _say(_desk_line("Glossary", gloss, f"{result.glossary_entries:,} entries"))
    if mem is not None:
        langs = ", ".join(f"{lang} {n:,}" for lang, n in result.memory_entries.items())
        total = sum(result.memory_entries.values())
        _say(_desk_line("Memory", mem, f"{total:,} reviewed segment(s)"
                                       + (f" ({langs})" if langs else "")))


def _summary(result, gloss=None, mem=None) -> None:
    """A few short lines at any width; per-article detail is in OUT/index.html and in
    --format json."""
    from locpipe.checks import summary_line

    written, skipped = result.written, result.skipped
    if not (written or skipped):
        _desk_lines(result, gloss, mem)
        return
    failed = f", {len(result.failures)} failed" if result.failures else ""
    where = result.index or result.out_dir
    _say(f"Articles — {written} written, {skipped} up to date (skipped){failed}; see {where}")
    if result.pseudo:
        out.print("[bold yellow]PSEUDO-TRANSLATION, not for publication:[/] output checks "
                  "layout only; it is not a translation.", soft_wrap=not out.is_terminal)
    for s in result.listed:  # a desk's few articles by name; an archive's in the index
        _say(f"  {s.identity} → {s.folder}/")
    if written > len(result.listed):
        _say(f"  … and {written - len(result.listed)} more")
    parts = [f"{result.segments[status]:,} in the {n} article(s) {what}"
             for status, n, what in (("written", written, "written"),
                                     ("skipped", skipped, "up to date")) if n]
    _say("Segments — " + ", ".join(parts))
    if result.per_language:  # every article of the run, as the --fail-on gate judges them
        for lang, counts in result.per_language.items():
            _say(f"Findings — {lang}: {summary_line(counts.tally())}")
    else:
        _say("Findings — " + summary_line(result.tally_all()))
    engines = ", ".join(f"{lang}: {e.name} ({e.model_id})"
                        for lang, e in result.all_engines.items())
    if engines:
        _say(f"Engine — {engines}")
    _desk_lines(result, gloss, mem)
    terms = {lang: c for lang, c in result.terms.items() if c["found"]}
    if terms:
        _say("Terms — " + "; ".join(f"{lang}: {c['found']} found, {c['right']} as the "
                                    f"glossary says, {c['flagged']} flagged"
                                    for lang, c in terms.items()))
    for lang, budget in result.budgets.items():
        if budget.retried or budget.refused:
            _say(f"Retries — {lang}: {budget.summary()}")


def _desk_json(folder, entries) -> dict | None:
    if folder is None:
        return None
    return {"paths": [str(p) for p in folder.paths], "chosen_by": folder.chosen_by,
            "entries": entries}


def _summary_json(result, gloss=None, mem=None, sanitised: bool = True) -> Iterator[str]:
    """The run as JSON (json.dumps(..., indent=2) of one object), in pieces: the articles
    are read back from their manifests one at a time (`RunResult.records`), so printing a run
    of thousands holds none of them at once."""
    import textwrap

    head = {"out": str(result.out_dir), "index": str(result.index) if result.index else None,
            "written": result.written, "skipped": result.skipped,
            "failed": len(result.failures), "pseudo": result.pseudo,
            "fragments_sanitised": sanitised,  # false: --trust-html
            "segments": {"written": result.segments["written"],
                         "up_to_date": result.segments["skipped"]},
            # every article of the run (written and up to date), as --fail-on judges them
            "findings": result.tally_all(),
            "findings_per_language": {lang: c.tally()
                                      for lang, c in result.per_language.items()},
            "engines": {lang: {"name": e.name, "model": e.model_id}
                        for lang, e in result.all_engines.items()},
            "glossary": _desk_json(gloss, result.glossary_entries),
            "memory": _desk_json(mem, result.memory_entries)}
    yield json.dumps(head, ensure_ascii=False, indent=2)[:-2] + ',\n  "articles": ['
    sep = "\n"
    for record in result.records():
        yield sep + textwrap.indent(json.dumps(record, ensure_ascii=False, indent=2), "    ")
        sep = ",\n"
    tail = json.dumps({"failures": [str(f) for f in result.failures]}, ensure_ascii=False,
                      indent=2)
    yield ("\n  ]" if sep != "\n" else "]") + ",\n" + tail[2:] + "\n"


@app.command()
def qa(
    paths: Annotated[list[Path], typer.Argument(help="Output directories or .po files.")],
    format: TextOrJson = "text",
    glossary: Annotated[list[Path] | None, typer.Option(help="Glossary directory for the terms "
                                                             "check (repeatable).")] = None,
) -> None:
    """Re-run the QA checks on PO files after editing; exit 1 if any error-severity finding."""
    from locpipe import review as qa_lib

    report = call(qa_lib.run_qa, paths, glossary)
    sys.stdout.write(qa_lib.format_json(report) if format == "json"
                     else qa_lib.format_text(report))
    raise typer.Exit(1 if report.errors else 0)


@app.command()
def review(
    ctx: typer.Context,
    out_dir: Annotated[Path, typer.Argument(help="Output folder written by translate.")],
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8765,
    host: Annotated[str, typer.Option("--host", help="Listen on this address instead of "
                                                     "127.0.0.1 (then an access token is "
                                                     "required: the URL printed has it).")
                    ] = "",
    memory: DeskMemory = None,
    no_memory: NoMemory = False,
    glossary: DeskGlossary = None,
    no_glossary: NoGlossary = False,
) -> None:
    """Review desk in the browser: edit translations beside the source, with QA live."""
    try:
        from locpipe.desk import app as desk_app
    except ImportError as exc:
        fail(f"the review desk needs its extra ({exc.name} is missing); run: "
             "pip install -e \".[desk]\"")
    # the desk's glossary and memory, found as translate and po apply find them (above the
    # articles OUT was made from, then above the working directory)
    memory_dir, glossary_dirs = None, None
    if out_dir.is_dir():  # else prepare says what is wrong with OUT
        from locpipe.review import article_sources

        starts = article_sources([next(out_dir.glob("*/*.po"), out_dir)]) or [out_dir]
        gloss = _desk_folder(ctx, "glossary", glossary or [], no_glossary, starts,
                             without="review")
        mem = _desk_folder(ctx, "memory", [memory] if memory else [], no_memory, starts,
                           without="review")
        memory_dir, glossary_dirs = (mem.paths[0] if mem.paths else None), gloss.paths or None
    desk, url = call(desk_app.prepare, out_dir, port, host or None, memory_dir, glossary_dirs)
    typer.echo(f"locpipe review: {url} (Ctrl-C to stop)")
    try:
        desk_app.serve(desk, host or "127.0.0.1", port)
    except KeyboardInterrupt:  # uvicorn shut down cleanly, then re-raised Ctrl-C
        pass
    except OSError as exc:
        fail(f"cannot listen on {host or '127.0.0.1'}:{port} ({exc.strerror or exc}); "
             "give another --port")
    typer.echo("locpipe review: stopped")


@app.command("eval")
def eval_(
    source: Annotated[Path, typer.Argument(help="Test set: line-aligned .txt (one segment per "
                                                "line), .tsv (source<TAB>reference) or .tmx.")],
    ref: Annotated[list[str] | None, typer.Option(
        "--ref", help="Reference, LANG=FILE for a plain-text set (repeatable), or LANG for a "
                      "TSV column / TMX language (a TMX needs none: all its languages).")
    ] = None,
    engine: Annotated[str, typer.Option(help="Engine, or several comma-separated to compare "
                                             "them side by side (a table per language and "
                                             "OUT/report.html). " + ENGINE_HELP)] = "",
    engine_option: Annotated[list[str] | None, typer.Option(
        "--engine-option", help="An engine's own setting, NAME=VALUE (repeatable).")] = None,
    glossary: GlossaryDirs = None,
    out_dir: Annotated[str, typer.Option("--out", help="Directory for hyp.<lang>.txt and "
                                                        "lines.<lang>.jsonl (per engine "
                                                        "when comparing).")
                       ] = "eval-output",
    format: TextOrJson = "text",
    memory: Annotated[Path | None, typer.Option(
        "--memory", help="Use this translation memory (off by default: a memory holding the "
                         "references would score itself).")] = None,
    encoding: Annotated[str, typer.Option(help="Encoding of the test set files.")] = "utf-8",
) -> None:
    """Translate a reference test set with the whole pipeline and score it (chrF, BLEU with
    sacrebleu signatures; terms, numbers, markup, untranslated, QA, alignment path)."""
    from locpipe import evaluate
    from locpipe.context import Settings
    from locpipe.engines import DEFAULT_ENGINE, EngineOptions, check_settings
    from locpipe.engines.base import parse_engine_options

    out_dir = call(output_dir, out_dir)  # type: ignore[assignment]
    refs = call(evaluate.parse_refs, ref or [])
    extra = call(parse_engine_options, engine_option or [])
    if "," in engine:  # several engines, side by side
        names = call(evaluate.parse_engines, engine)
        call(evaluate.check_shared_options, names, extra)
        settings = Settings(targets=[], engine=names[0], encoding=encoding,
                            glossary_dirs=glossary or [], out_dir=out_dir,
                            memory_dir=memory or Path("memory"),
                            engine_options=EngineOptions(extra=extra))
        comparison = call(evaluate.compare, source, refs, settings, names, out_dir,
                          memory is not None)
        sys.stdout.write(evaluate.format_comparison_json(comparison) if format == "json"
                         else evaluate.format_comparison_text(comparison))
        return
    call(check_settings, engine or DEFAULT_ENGINE, extra)
    settings = Settings(targets=[], engine=engine or DEFAULT_ENGINE, encoding=encoding,
                        glossary_dirs=glossary or [], out_dir=out_dir,
                        memory_dir=memory or Path("memory"),
                        engine_options=EngineOptions(extra=extra))
    report = call(evaluate.evaluate, source, refs, settings, out_dir, memory is not None)
    sys.stdout.write(evaluate.format_json(report) if format == "json"
                     else evaluate.format_text(report))


@app.command()
def segment(
    file: Annotated[Path, typer.Argument(help="An article file (.txt, .md, .html).")],
    format: Annotated[str, typer.Option("--format", help="text or jsonl.",
                                        callback=one_of("jsonl", "text"))] = "text",
    encoding: Annotated[str, typer.Option(help="Encoding of the input file.")] = "utf-8",
) -> None:
    """Print the article's segments (sentences) with their stable ids."""
    from locpipe.pipeline import read_article

    doc = call(read_article, file, encoding)
    for seg in doc.segments:
        if format == "jsonl":
            sys.stdout.write(json.dumps({"id": seg.id, "block": seg.block, "kind": seg.kind,
                                         "index": seg.index, "line": seg.line, "text": seg.text,
                                         "plain": seg.plain}, ensure_ascii=False) + "\n")
        else:
            sys.stdout.write(f"{seg.id}\t{seg.kind}\t{seg.text}\n")


models_app = typer.Typer(help="Install, list, remove and check Argos translation models.",
                          no_args_is_help=True)
app.add_typer(models_app, name="models")


def _size(n: int) -> str:
    return f"{n / 1e6:.1f} MB"


@models_app.command("list")
def models_list() -> None:
    """List installed models: Argos packages (pair, version, size, location) and CTranslate2
    models installed from a directory (name for --engine, family, languages, size,
    quantisation)."""
    from locpipe.engines import ct2models
    from locpipe.engines import packages as models

    packages = call(models.installed_packages)
    converted = call(ct2models.installed_models)
    if not packages and not converted:
        out.print(f"No models installed in {call(models.packages_dir)}. "
                  "Install them with: locpipe models install fr ar")
        return
    if packages:
        table = Table(title="Installed Argos models")
        for col in ("pair", "version", "size", "path"):
            table.add_column(col, justify="right" if col == "size" else "left",
                             overflow="fold")
        for p in packages:
            table.add_row(p.pair, p.package_version, _size(p.size), str(p.path))
        out.print(table)
    if converted:
        table = Table(title="Installed CTranslate2 models (--engine NAME)")
        for col in ("name", "family", "languages", "size", "quantisation", "path"):
            table.add_column(col, justify="right" if col == "size" else "left",
                             overflow="fold")
        for m in converted:
            table.add_row(m.name, ct2models.FAMILY_NAMES[m.family], m.describe_languages(),
                          _size(m.size), m.quantization, str(m.path))
        out.print(table)


@models_app.command("install")
def models_install(
    pairs: Annotated[list[str] | None, typer.Argument(
        help="Language pairs ('es fr' or 'en-es'), or .argosmodel files or folders of them.",
        show_default=False)] = None,
    from_file: Annotated[Path | None, typer.Option(
        "--from-file", help="Install offline from an .argosmodel file or a directory of them "
                            "(the same as giving the path as an argument)."
    )] = None,
    from_dir: Annotated[Path | None, typer.Option(
        "--from-dir", help="Install a model converted with ct2-transformers-converter: "
                           "OPUS-MT (source.spm, target.spm), NLLB-200 or M2M-100 "
                           "(sentencepiece.bpe.model); see docs/models.md.")] = None,
    name: Annotated[str, typer.Option(
        "--name", help="With --from-dir: the name to install it under, used as --engine NAME "
                       "(default: the directory's name).")] = "",
    pair: Annotated[str, typer.Option(
        "--pair", help="With --from-dir, an OPUS-MT model's pair (en-fr) when its name does "
                       "not end with it.")] = "",
) -> None:
    """Install models from .argosmodel files (offline), from the Argos index (online), or a
    converted CTranslate2 model from a directory (--from-dir, offline)."""
    from locpipe.engines import install

    if from_dir is not None:
        from locpipe.engines import ct2install, ct2models
        from locpipe.engines.packages import parse_pairs

        if pairs or from_file is not None:
            fail("--from-dir installs one model directory; give no other models with it")
        given = call(parse_pairs, [pair])[0] if pair else None
        m = call(ct2install.install_from_dir, from_dir, name, given)
        out.print(f"Installed {m.name}: {ct2models.FAMILY_NAMES[m.family]}, "
                  f"{m.describe_languages()}, {m.quantization}, {_size(m.size)}, in {m.path}; "
                  f"use it with --engine {m.name}", soft_wrap=True, highlight=False)
        return

    files, wanted = call(install.split_arguments, pairs or [])
    files += [from_file] if from_file is not None else []
    if files:
        installed = call(install.install_from_file, files, wanted or None)
    else:
        with Progress(TextColumn("{task.description}"), BarColumn(), DownloadColumn(),
                      TransferSpeedColumn(), console=console,
                      disable=not console.is_terminal) as bar:
            tasks: dict[str, int] = {}

            def on_progress(label: str, done: int, total: int) -> None:
                if label not in tasks:
                    tasks[label] = bar.add_task(f"Downloading {label}", total=total or None)
                bar.update(tasks[label], completed=done)

            installed = call(install.install_online, wanted, on_progress)
    for p in installed:
        out.print(f"Installed {p.pair} {p.package_version} ({_size(p.size)}) in {p.path}")


@models_app.command("remove")
def models_remove(
    pairs: Annotated[list[str], typer.Argument(help="Language pairs: 'fr' or 'en-fr'; or the "
                                                    "name of a model installed --from-dir.")],
) -> None:
    """Remove installed models."""
    from locpipe.engines import ct2install, ct2models
    from locpipe.engines import packages as models

    names = {m.name for m in call(ct2models.installed_models)}
    for m in call(ct2install.remove, [a for a in pairs if a in names]):
        out.print(f"Removed {m.name} ({ct2models.FAMILY_NAMES[m.family]}) from {m.path}")
    pairs = [a for a in pairs if a not in names]
    if not pairs:
        return
    for p in call(models.remove, call(models.parse_pairs, pairs)):
        out.print(f"Removed {p.pair} {p.package_version} from {p.path}")


@models_app.command("verify")
def models_verify(
    pairs: Annotated[list[str] | None, typer.Argument(
        help="Pairs to check, or names of models installed --from-dir (default: all "
             "installed).")] = None,
) -> None:
    """Load each installed model and translate a short probe sentence."""
    from locpipe.engines import ct2install, ct2models
    from locpipe.engines import packages as models
    from locpipe.engines.verify import verify

    names = {m.name for m in call(ct2models.installed_models)}
    asked = [a for a in pairs or [] if a in names]
    rest = [a for a in pairs or [] if a not in names]
    converted = call(ct2install.verify, asked) if asked or not pairs else []
    argos = rest or (not pairs and (call(models.installed_packages) or not converted))
    results = call(verify, call(models.parse_pairs, rest)) if argos else []
    table = Table(title="Model check")
    for col in ("pair", "version", "result", "seconds", "probe translation"):
        table.add_column(col)
    rows = [(r.package.pair, r.package.package_version, r) for r in results] + [
        (f"{c.model.name} {c.pair[0]}-{c.pair[1]}", ct2models.FAMILY_NAMES[c.model.family], c)
        for c in converted]
    for label, version, r in rows:
        table.add_row(label, version,
                      "ok" if r.ok else f"FAILED: {r.problem}" if r.problem else "FAILED",
                      f"{r.seconds:.2f}", r.output)
    out.print(table)
    for label, _, r in rows:
        if r.note:
            out.print(f"{label}: {r.note}")
    failed = [r.package.pair for r in results if not r.ok]
    failed_dirs = [c.model.name for c in converted if not c.ok]
    if failed or failed_dirs:
        why = "".join(f"; {label}: {r.problem}" for label, _, r in rows if r.problem)
        fixes = ([f"'locpipe models install {' '.join(failed)}'"] if failed else []) + [
            f"'locpipe models install --from-dir DIR --name {n}'" for n in failed_dirs]
        fail(f"model check failed for {', '.join(failed + failed_dirs)}{why}; reinstall with "
             + " and ".join(fixes))


po_app = typer.Typer(help="Review workflow: PO files edited in Poedit or a text editor.",
                     no_args_is_help=True)
app.add_typer(po_app, name="po")
memory_app = typer.Typer(help="Translation memory: reviewed segments reused across articles.",
                         no_args_is_help=True)
app.add_typer(memory_app, name="memory")


@po_app.command("apply")
def po_apply(
    ctx: typer.Context,
    files: Annotated[list[Path], typer.Argument(help="Reviewed PO files (OUT/<slug>/<lang>.po).")],
    memory: DeskMemory = None,
    no_memory: NoMemory = False,
    glossary: DeskGlossary = None,
    no_glossary: NoGlossary = False,
    engine: Annotated[str, typer.Option(help="Engine for unreviewed segments (default: the "
                                             "one named in the PO header).")] = "",
    fail_on: Annotated[str, typer.Option("--fail-on", help="Exit 1 (after applying) when the "
                                         "QA of the reviewed entries finds something this "
                                         "severe: error, warning (errors too) or never.",
                                         callback=FAIL_ON_CHOICE)] = "never",
) -> None:
    """Use the reviewed (non-fuzzy) translations of PO files and regenerate the HTML pages;
    the reviewed entries are checked as `locpipe qa` checks them."""
    from locpipe import review
    from locpipe.document import failing

    starts = review.article_sources(files) or files  # where translate looked: above them
    gloss = _desk_folder(ctx, "glossary", glossary or [], no_glossary, starts,
                         without="apply the reviews")
    mem = _desk_folder(ctx, "memory", [memory] if memory else [], no_memory, starts,
                       without="apply the reviews")
    report = call(review.apply, files, mem.paths[0] if mem.paths else None, engine or None,
                  glossary_dirs=gloss.paths)
    for problem in report.problems:
        typer.echo(f"Error: {problem}", err=True)
    for path, count in report.applied.items():
        out.print(f"{path}: {count} reviewed translation(s) applied")
    for path in report.written:
        out.print(f"wrote {path}")
    for path in report.recorded:
        out.print(f"recorded in memory: {path}")
    if report.results:
        _say(_desk_line("Glossary", gloss,
                        f"{report.results[0].glossary_entries:,} entries"))
    if report.qa.files:  # the reviewed entries, as `qa` prints them
        sys.stdout.write("QA of the reviewed entries:\n" + review.format_text(report.qa))
    for failure in report.failures:
        typer.echo(f"Error: {failure}", err=True)
    if report.failures:
        raise typer.Exit(2)
    if report.problems:
        raise typer.Exit(1)
    gate = failing(checks_tally(report.qa), fail_on)
    if gate:
        typer.echo(f"Error: --fail-on {fail_on}: QA found {_counted(gate)} in the reviewed "
                   "entries; they were applied, fix them in the PO file and apply it again",
                   err=True)
        raise typer.Exit(1)


@po_app.command("xliff")
def po_xliff(
    files: Annotated[list[Path], typer.Argument(help="PO files written by translate.")],
) -> None:
    """Export PO files as XLIFF 2.0 (<lang>.xlf next to each) for CAT tools."""
    from locpipe.formats import xliff

    for path in call(xliff.export, files):
        out.print(f"wrote {path}")


@memory_app.command("stats")
def memory_stats(
    memory: StoredMemory = Path("memory"),
    format: TextOrJson = "text",
) -> None:
    """Show how many PO files and reviewed segments the translation memory holds."""
    from locpipe.formats import memory as tm

    stats = call(tm.stats, memory)
    if format == "json":
        sys.stdout.write(json.dumps({"memory": str(memory), "files": stats.files,
                                     "segments": stats.entries}, ensure_ascii=False,
                                    indent=2) + "\n")
        return
    out.print(f"{memory}: {stats.files} PO file(s)")
    for lang, count in stats.entries.items():
        out.print(f"{lang}: {count} reviewed segment(s)")


glossary_app = typer.Typer(help="The newsroom glossary (glossary/*.csv): lint, check articles, "
                                "export, import.", no_args_is_help=True)
app.add_typer(glossary_app, name="glossary")


@glossary_app.command("lint")
def glossary_lint(glossary: GlossaryDirs = None) -> None:
    """Check the glossary files (CSV errors, duplicates, conflicts, scripts, policies); exit 1
    if there is any problem."""
    from locpipe.formats import glossary as gl

    problems, count = call(gl.lint_glossary, gl.resolve_dirs(glossary) or [gl.DEFAULT_DIR])
    for problem in problems:
        typer.echo(str(problem))
    if problems:
        typer.echo(f"{len(problems)} problem(s) in the glossary", err=True)
        raise typer.Exit(1)
    typer.echo(f"{count} entries, no problems")


@glossary_app.command("check")
def glossary_check(
    articles: Annotated[list[Path], typer.Argument(help="Article files (.txt, .md, .html).")],
    fix: Annotated[bool, typer.Option("--fix", help="Rewrite variant and deprecated spellings "
                                                    "to the glossary form (keeps FILE.bak).")
                   ] = False,
    glossary: GlossaryDirs = None,
    format: Annotated[str, typer.Option("--format", help="text (path:line:column: message) "
                                        "or json.", callback=one_of("json", "text"))] = "text",
) -> None:
    """Check articles against the glossary: variant spellings, near-misses, deprecated forms,
    acronyms used before they are defined (path:line:column); exit 1 if any is left."""
    from locpipe import terminology as tools

    findings, fixed = call(tools.check_articles, articles, glossary, fix)
    if format == "json":
        sys.stdout.write(json.dumps({
            "ok": not findings, "fixed": fixed,
            "findings": [{"file": str(f.path), "line": f.line, "column": f.column,
                          "message": f.message, "fix": f.replacement} for f in findings],
        }, ensure_ascii=False, indent=2) + "\n")
    for finding in findings if format == "text" else []:
        typer.echo(str(finding))
    if fix:
        typer.echo(f"{fixed} spelling(s) fixed; originals kept as .bak", err=True)
    raise typer.Exit(1 if findings else 0)


@glossary_app.command("export")
def glossary_export(
    format: Annotated[str, typer.Option("--format", help="google-csv, deepl-tsv or tbx.")],
    pair: Annotated[str | None, typer.Option("--pair", help="Language pair, e.g. en-fr.")
                    ] = None,
    glossary: GlossaryDirs = None,
) -> None:
    """Print the glossary for Google Cloud Translation, DeepL or as TBX-Basic."""
    from locpipe import terminology as tools

    sys.stdout.write(call(tools.export_from, glossary, format, pair))


@glossary_app.command("import")
def glossary_import(
    file: Annotated[Path, typer.Argument(help="A TBX (TBX-Basic) file.")],
    output: Annotated[Path | None, typer.Option("--output", help="CSV file to write (default "
                                                "glossary/<name>.csv; never overwritten).")
                      ] = None,
    glossary: GlossaryDirs = None,
    on_conflict: Annotated[str, typer.Option(
        "--on-conflict", help="An imported entry whose forms or policy differ from the "
                              "glossary's: report (every one; nothing written), keep (the "
                              "glossary's entry) or replace (by the imported one).")
    ] = "report",
) -> None:
    """Convert a TBX file into a new glossary CSV file, checked entry by entry against the
    glossary (entries already there as they are are left out: re-importing the glossary's
    own export writes nothing)."""
    from locpipe import terminology as tools

    report = call(tools.import_into, file, glossary, output, on_conflict)
    if report.conflicts and on_conflict == "report":
        for line in report.conflicts:
            typer.echo(line, err=True)
        fail(f"{len(report.conflicts)} conflict(s) with the glossary (listed above); nothing "
             "was written: fix them, or choose with --on-conflict keep (the glossary's "
             "entries) or replace (the imported ones)")
    for line in report.conflicts:
        typer.echo(f"{'kept the glossary' if on_conflict == 'keep' else 'replaced'}: {line}")
    for where in report.replaced:
        typer.echo(f"removed the replaced entry at {where}")
    same = f"; {report.unchanged} already in the glossary" if report.unchanged else ""
    if report.path is None:
        typer.echo(f"nothing new to import: {report.unchanged} entries already in the "
                   "glossary; nothing written")
    else:
        typer.echo(f"{report.written} entries written to {report.path}{same}")


def checks_tally(report) -> dict[str, int]:
    """A QA report's findings counted per severity."""
    from locpipe.checks import summary

    return summary([x.finding for x in report.findings])["severity"]


def _interruptible(command: Callable, name: str) -> Callable:
    """The command, saying in one line what a Ctrl-C left behind (Typer alone exits 130 in
    silence). Writes are atomic, so every file already written is whole."""
    import functools

    @functools.wraps(command)
    def run(*args, **kwargs):
        try:
            return command(*args, **kwargs)
        except KeyboardInterrupt as exc:
            word, code = _stopped(exc)
            typer.echo(f"{word}: locpipe {name} did not finish; every file it wrote is "
                       "complete (none is left half-written). Run it again to finish.", err=True)
            raise typer.Exit(code) from None

    return run


def _guard_interrupts(group: typer.Typer, prefix: str = "") -> None:
    for info in group.registered_commands:
        name = info.name or info.callback.__name__.replace("_", "-")
        info.callback = _interruptible(info.callback, f"{prefix}{name}")
    for sub in group.registered_groups:
        _guard_interrupts(sub.typer_instance, f"{prefix}{sub.name} ")


_guard_interrupts(app)


def main() -> None:
    app()
