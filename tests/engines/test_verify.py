import pytest
from typer.testing import CliRunner

from locpipe.cli import app
from locpipe.engines.verify import probe_language

runner = CliRunner()


def invoke(*args: str):
    return runner.invoke(app, list(args))


# --- verify ------------------------------------------------------------------------------

# What a working model might return for the probe, per target; a test replaces some of them.
GOOD = {"fr": "Les Nations unies ont annoncé lundi que 50 000 personnes avaient quitté la ville.",
        "ar": "أعلنت الأمم المتحدة يوم الاثنين أن 50 ألف شخص غادروا المدينة."}


@pytest.fixture
def fake_engine(monkeypatch):
    """The installed packages' engine returns `outputs[target]` for any input (the models are
    real tiny packages; only their translation is replaced)."""
    from locpipe.engines.argos import ArgosModel

    outputs = dict(GOOD)
    monkeypatch.setattr(ArgosModel, "translate",
                        lambda self, texts, *a, **k: [outputs[self.package.to_code]] * len(texts))
    return outputs


def test_verify_translates_a_probe(argos_packages, argos_home, fake_engine):
    invoke("models", "install", "--from-file", str(argos_packages["fr"].parent))
    result = invoke("models", "verify")
    assert result.exit_code == 0, result.output
    rows = [line for line in result.output.splitlines() if " ok " in line]
    assert len(rows) == 2


@pytest.mark.parametrize("output, problem", [
    ("The United Nations announced Monday that 50,000 people had left the city.",
     "the probe came back in English, not Arabic"),
    ("Les Nations unies ont annoncé lundi que 50 000 personnes avaient quitté la ville.",
     "the probe came back in French, not Arabic"),
    ("Xarq vollu dimp 50,000 kerro.", "the probe came back in Latin script, not Arabic"),
    ("The United Nations said on Monday that 50,000 people had fled the city.",
     "the probe came back untranslated (identical to the English)"),
])
def test_verify_fails_a_probe_in_the_wrong_language(argos_packages, argos_home, fake_engine,
                                                    output, problem):
    invoke("models", "install", "--from-file", str(argos_packages["fr"].parent))
    fake_engine["ar"] = output
    result = invoke("models", "verify")
    assert result.exit_code == 2
    assert result.output.strip().splitlines()[-1] == (
        f"Error: model check failed for en-ar; en-ar: {problem}; reinstall with "
        "'locpipe models install en-ar'")
    assert len([line for line in result.output.splitlines() if " ok " in line]) == 1  # fr


def test_verify_fails_english_for_french(argos_packages, argos_home, fake_engine):
    invoke("models", "install", "--from-file", str(argos_packages["fr"]))
    fake_engine["fr"] = "The UN announced on Monday that 50,000 people had left the city."
    result = invoke("models", "verify")
    assert result.exit_code == 2
    assert result.output.strip().splitlines()[-1] == (
        "Error: model check failed for en-fr; en-fr: the probe came back in English, not "
        "French; reinstall with 'locpipe models install en-fr'")


def test_verify_fails_the_random_weight_models(argos_packages, argos_home):
    """The test packages' random weights give gibberish: not a working model."""
    invoke("models", "install", "--from-file", str(argos_packages["ar"]))
    result = invoke("models", "verify")
    assert result.exit_code == 2
    assert result.output.strip().splitlines()[-1].startswith(
        "Error: model check failed for en-ar; en-ar: the probe came back in ")
    assert result.output.strip().splitlines()[-1].endswith(
        ", not Arabic; reinstall with 'locpipe models install en-ar'")


@pytest.mark.parametrize("output, lang, problem", [
    ("Las Naciones Unidas anunciaron el lunes que 50.000 personas dejaron la ciudad.", "fr",
     "the probe came back in Spanish, not French"),
    ("As Nações Unidas anunciaram na segunda-feira que 50.000 pessoas deixaram a cidade.", "pt",
     ""),
    ("Die Vereinten Nationen erklärten am Montag, dass 50.000 Menschen die Stadt verlassen "
     "hätten.", "de", ""),
    ("The UN announced on Monday that 50,000 people had left the city.", "de",
     "the probe came back in English, not German"),
    ("Организация Объединённых Наций объявила в понедельник, что 50 000 человек покинули "
     "город.", "ar", "the probe came back in Cyrillic script (Russian?), not Arabic"),
    ("Организация Объединённых Наций объявила в понедельник, что 50 000 человек покинули "
     "город.", "ru", ""),
    ("Le Nazioni Unite hanno annunciato lunedì che 50.000 persone hanno lasciato la città.",
     "it", ""),
    ("The UN announced on Monday that 50,000 people had left the city.", "it",
     "the probe came back in English, not Italian (langdetect)"),
    ("Birleşmiş Milletler pazartesi günü 50.000 kişinin kenti terk ettiğini açıkladı.", "tr",
     ""),
    ("50 000", "fr", "the probe came back without words, not in French"),
])
def test_probe_language(output, lang, problem):
    assert probe_language(output, lang) == (problem, "")


def test_probe_language_says_what_it_could_not_check():
    problem, note = probe_language("Ny Firenena Mikambana dia nanambara fa olona 50.000 no "
                                   "nandao ny tanàna.", "mg")
    assert problem == ""
    assert note == ("language not checked (no function words or langdetect profile for "
                    "Malagasy)")


def test_verify_reports_a_broken_model(argos_packages, argos_home):
    invoke("models", "install", "--from-file", str(argos_packages["fr"]))
    (argos_home / "translate-en_fr-1_0" / "model" / "model.bin").write_bytes(b"broken")
    result = invoke("models", "verify")
    assert result.exit_code == 2
    assert "FAILED" in result.output
    assert result.output.strip().splitlines()[-1] == (
        "Error: model check failed for en-fr; reinstall with 'locpipe models install en-fr'")


def test_verify_without_models(argos_home):
    result = invoke("models", "verify")
    assert result.exit_code == 2
    assert result.output.strip() == ("Error: no models installed to verify; install them with "
                                     "'locpipe models install fr ar'")
