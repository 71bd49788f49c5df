"""Engine options cannot crash the engine (issue 13 §5): every value is checked before a model is
loaded, and a bad one is one line naming the option and the range, exit 2, nothing written."""

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

import locpipe.engines
from locpipe.cli import app
from locpipe.engines import EngineOptions, check_option, max_threads
from locpipe.errors import ConfigError

runner = CliRunner()
STORY = ("Water trucks reach Raqqa\n\nTwelve tankers arrived in the northern city on Sunday, "
         "the local council said.\n")


@pytest.fixture(autouse=True)
def _two_cpus(monkeypatch, tmp_path):
    monkeypatch.setattr(locpipe.engines.os, "cpu_count", lambda: 2)
    monkeypatch.chdir(tmp_path)


def _run(tmp_path, *options: str):
    article = tmp_path / "raqqa.txt"
    article.write_text(STORY, encoding="utf-8")
    return runner.invoke(app, ["translate", str(article), "--engine", "pseudo", "--to", "fr",
                               "--out", str(tmp_path / "out"), *options])


THREADS = "give a whole number from 0 to 8 (0 lets the engine choose; this machine has 2 CPUs)"


@pytest.mark.parametrize(("options", "message"), [
    (["--threads", "-5"], f"--threads -5 is not allowed; {THREADS}"),
    (["--threads", "100000"], f"--threads 100000 is not allowed; {THREADS}"),
    (["--threads", "1000"], f"--threads 1000 is not allowed; {THREADS}"),
    (["--beam-size", "0"], "--beam-size 0 is not allowed; give a whole number from 1 to 16 "
                           "(argos uses 4)"),
    (["--beam-size", "-3"], "--beam-size -3 is not allowed; give a whole number from 1 to 16 "
                            "(argos uses 4)"),
    (["--beam-size", "500"], "--beam-size 500 is not allowed; give a whole number from 1 to 16 "
                             "(argos uses 4)"),
    (["--length-penalty", "nan"], "--length-penalty nan is not allowed; give a number from -5 "
                                  "to 5 (argos uses 0.2)"),
    (["--length-penalty", "inf"], "--length-penalty inf is not allowed; give a number from -5 "
                                  "to 5 (argos uses 0.2)"),
    (["--length-penalty", "-1e9"], "--length-penalty -1e+09 is not allowed; give a number from "
                                   "-5 to 5 (argos uses 0.2)"),
])
def test_bad_engine_option_is_one_line_exit_2_nothing_written(tmp_path, options, message):
    result = _run(tmp_path, *options)
    assert (result.exit_code, result.stderr) == (2, f"Error: {message}\n")
    assert result.stdout == ""
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("options", [["--threads", "0"], ["--threads", "8"],
                                     ["--beam-size", "1"], ["--beam-size", "16"],
                                     ["--length-penalty", "-5"], ["--length-penalty", "1.5"]])
def test_values_in_range_are_accepted(tmp_path, options):
    result = _run(tmp_path, *options)
    assert result.exit_code == 0, result.output


def test_bad_engine_option_in_the_desk_config(tmp_path):
    (tmp_path / "locpipe.toml").write_text("[translate]\nthreads = -5\n", encoding="utf-8")
    result = _run(tmp_path)
    assert (result.exit_code, result.stderr) == (2, f"Error: --threads -5 is not allowed; "
                                                    f"{THREADS}\n")


def test_options_set_in_code_are_checked_too():
    with pytest.raises(ConfigError, match=r"^max_length_ratio 0 is not allowed; give a number "
                                          r"from 0.1 to 10 "):
        EngineOptions(max_length_ratio=0.0)
    with pytest.raises(ConfigError, match=r"^--beam-size True is not allowed"):
        EngineOptions(beam_size=True)
    with pytest.raises(ConfigError, match=r"^max_batch_tokens 0 is not allowed"):
        EngineOptions(extra={"max_batch_tokens": 0})


@settings(max_examples=50, deadline=None, derandomize=True)
@given(threads=st.integers(-10**6, 10**6), beam=st.integers(-100, 100),
       penalty=st.floats(allow_nan=True, allow_infinity=True))
def test_any_value_is_accepted_in_range_or_refused_with_one_line(threads, beam, penalty):
    ok = (0 <= threads <= max_threads() and 1 <= beam <= 16 and math.isfinite(penalty)
          and -5 <= penalty <= 5)
    try:
        EngineOptions(threads=threads, beam_size=beam, length_penalty=penalty)
    except ConfigError as exc:
        assert not ok
        assert "\n" not in str(exc) and " is not allowed; give " in str(exc)
    else:
        assert ok


def test_check_option_names_the_value_as_given():
    with pytest.raises(ConfigError) as exc:
        check_option("--threads", "x", 0, 8, integer=True)
    assert str(exc.value) == "--threads 'x' is not allowed; give a whole number from 0 to 8"


@pytest.mark.parametrize(("options", "message"), [
    (["--batch-tokens", "-1"], "--batch-tokens -1 is not allowed; give a whole number from 0 to "
                               "65536 (0 uses the measured default)"),
    (["--batch-inputs", "1.5"], None),
    (["--workers-per-model", "9"], "--workers-per-model 9 is not allowed; give a whole number "
                                   "from 0 to 8 (0 chooses from the CPU count; each worker is "
                                   "one translation running in parallel)"),
    (["--threads", "2", "--workers-per-model", "3"], "--workers-per-model 3 is more than "
                                                      "--threads 2; each worker needs at least "
                                                      "one thread"),
])
def test_bad_speed_option_is_one_line_exit_2(tmp_path, options, message):
    result = _run(tmp_path, *options)
    assert result.exit_code == 2
    if message:
        assert result.stderr == f"Error: {message}\n"
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("options", [["--batch-tokens", "4096"], ["--batch-inputs", "64"],
                                     ["--workers-per-model", "2", "--threads", "2"]])
def test_speed_options_in_range_are_accepted(tmp_path, options):
    assert _run(tmp_path, *options).exit_code == 0
