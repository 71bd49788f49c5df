from typer.testing import CliRunner

from locpipe.cli import app

runner = CliRunner()


def invoke(*args: str):
    return runner.invoke(app, list(args))


# --- verify ------------------------------------------------------------------------------

def test_verify_translates_a_probe(argos_packages, argos_home):
    invoke("models", "install", "--from-file", str(argos_packages["fr"].parent))
    result = invoke("models", "verify")
    assert result.exit_code == 0, result.output
    rows = [line for line in result.output.splitlines() if " ok " in line]
    assert len(rows) == 2


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
