import json
import sys
import types
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from locpipe.cli import app
from locpipe.engines import install
from locpipe.engines import packages as models
from locpipe.errors import ModelError

runner = CliRunner()


def invoke(*args: str):
    return runner.invoke(app, list(args))


def snapshot(directory: Path) -> dict[str, int]:
    if not directory.exists():
        return {}
    return {str(p.relative_to(directory)): p.stat().st_size
            for p in sorted(directory.rglob("*"))}


# --- install from file ------------------------------------------------------------------

def test_install_from_file_then_list(argos_packages, argos_home):
    result = invoke("models", "install", "--from-file", str(argos_packages["fr"]))
    assert result.exit_code == 0, result.output
    assert "Installed en-fr 1.0" in result.output
    assert (argos_home / "translate-en_fr-1_0" / "model" / "model.bin").is_file()
    assert not [p for p in argos_home.iterdir() if p.name.startswith(".")]
    listing = invoke("models", "list")
    assert listing.exit_code == 0
    row = next(line for line in listing.output.splitlines() if "en-fr" in line)
    assert "1.0" in row and " MB" in row


def test_install_from_directory_installs_every_package(argos_packages, argos_home):
    folder = argos_packages["fr"].parent
    result = invoke("models", "install", "--from-file", str(folder))
    assert result.exit_code == 0, result.output
    assert [p.pair for p in models.installed_packages()] == ["en-ar", "en-fr"]


def test_install_without_arguments_or_network_explains_offline_path(argos_home, monkeypatch):
    monkeypatch.setitem(sys.modules, "argostranslate", None)  # import fails
    result = invoke("models", "install", "fr")
    assert result.exit_code == 2
    assert result.output.strip() == (
        "Error: online install needs argostranslate, which is not installed; run "
        "\"pip install 'locpipe[argos]'\", or install offline with "
        "'locpipe models install --from-file PATH.argosmodel'")


def _corrupt_copy(src: Path, dest: Path) -> Path:
    data = bytearray(src.read_bytes())
    with zipfile.ZipFile(src) as zf:
        info = zf.getinfo(next(n for n in zf.namelist() if n.endswith("model.bin")))
    start = info.header_offset + 30 + len(info.filename) + len(info.extra) + 10
    data[start:start + 64] = bytes(64)  # damage the compressed model: CRC fails
    dest.write_bytes(bytes(data))
    return dest


def test_corrupt_file_is_refused_and_installed_set_unchanged(argos_packages, argos_home,
                                                             tmp_path):
    assert invoke("models", "install", "--from-file", str(argos_packages["fr"])).exit_code == 0
    before = snapshot(argos_home)
    bad = _corrupt_copy(argos_packages["fr"], tmp_path / "translate-en_fr-2_0.argosmodel")
    result = invoke("models", "install", "--from-file", str(bad))
    assert result.exit_code == 2
    assert result.output.startswith(f"Error: {bad}: corrupt archive")
    assert "download the file again" in result.output
    assert len(result.output.strip().splitlines()) == 1
    assert snapshot(argos_home) == before


def test_truncated_and_non_zip_files_are_refused(argos_packages, argos_home, tmp_path):
    cut = tmp_path / "cut.argosmodel"
    cut.write_bytes(argos_packages["fr"].read_bytes()[:5000])
    result = invoke("models", "install", "--from-file", str(cut))
    assert result.exit_code == 2
    assert result.output.startswith(f"Error: {cut}: not an Argos package (not a zip archive)")
    assert snapshot(argos_home) == {}


def test_wrong_pair_is_refused(argos_packages, argos_home):
    result = invoke("models", "install", "fr", "--from-file", str(argos_packages["ar"]))
    assert result.exit_code == 2
    assert result.output.strip() == (
        f"Error: {argos_packages['ar']}: package translates en→ar, not en→fr")
    assert snapshot(argos_home) == {}


def test_one_bad_file_in_a_directory_installs_nothing(argos_packages, argos_home, tmp_path):
    folder = tmp_path / "bundle"
    folder.mkdir()
    (folder / "a.argosmodel").write_bytes(argos_packages["fr"].read_bytes())
    with zipfile.ZipFile(folder / "b.argosmodel", "w") as zf:
        zf.writestr("translate-en_ar-1_0/metadata.json",
                    json.dumps({"from_code": "en", "to_code": "ar"}))
        zf.writestr("translate-en_ar-1_0/model/model.bin", b"x")
    result = invoke("models", "install", "--from-file", str(folder))
    assert result.exit_code == 2
    assert result.output.strip() == (
        f"Error: {folder / 'b.argosmodel'}: incomplete package: missing model/config.json, "
        "sentencepiece.model")
    assert snapshot(argos_home) == {}


def test_reinstall_replaces_the_older_version(argos_packages, argos_home, tmp_path):
    from locpipe.testing.argos_package import PackageSpec, build_package

    assert invoke("models", "install", "--from-file", str(argos_packages["fr"])).exit_code == 0
    newer = build_package(tmp_path, PackageSpec(package_version="1.1"))
    assert invoke("models", "install", "--from-file", str(newer)).exit_code == 0
    assert [(p.pair, p.package_version) for p in models.installed_packages()] == [
        ("en-fr", "1.1")]


# --- online install (the Argos index is faked; downloads are file:// URLs) ---------------

def fake_argostranslate(monkeypatch, tmp_path: Path, index: list[dict] | None):
    """A stand-in for argostranslate.package/settings: `index=None` = index unreachable."""
    local_index = tmp_path / "index.json"
    settings = types.SimpleNamespace(local_package_index=local_index,
                                     remote_package_index="https://example.invalid/index.json")

    def update_package_index():
        if index is not None:
            local_index.write_text(json.dumps(index))

    def get_available_packages():
        return [types.SimpleNamespace(**m) for m in json.loads(local_index.read_text())]

    package = types.SimpleNamespace(update_package_index=update_package_index,
                                    get_available_packages=get_available_packages)
    root = types.ModuleType("argostranslate")
    root.package, root.settings = package, settings
    monkeypatch.setitem(sys.modules, "argostranslate", root)
    monkeypatch.setitem(sys.modules, "argostranslate.package", package)
    monkeypatch.setitem(sys.modules, "argostranslate.settings", settings)
    monkeypatch.setattr(models, "package_dirs", models.argos_rule_package_dirs)


def test_online_install_index_unreachable(argos_home, monkeypatch, tmp_path):
    fake_argostranslate(monkeypatch, tmp_path, None)
    result = invoke("models", "install", "fr", "ar")
    assert result.exit_code == 2
    assert result.output.strip() == (
        "Error: cannot reach the Argos package index (https://example.invalid/index.json); "
        "install offline with 'locpipe models install --from-file PATH.argosmodel'")


def test_online_install_downloads_with_progress(argos_packages, argos_home, monkeypatch,
                                                tmp_path):
    index = [{"from_code": "en", "to_code": lang, "package_version": "1.0",
              "links": [argos_packages[lang].as_uri()]} for lang in ("fr", "ar")]
    fake_argostranslate(monkeypatch, tmp_path, index)
    seen = []
    installed = install.install_online([("en", "ar")], lambda *a: seen.append(a))
    assert [p.pair for p in installed] == ["en-ar"]
    assert seen[-1][0] == "en→ar 1.0" and seen[-1][1] == argos_packages["ar"].stat().st_size
    assert [p.pair for p in models.installed_packages()] == ["en-ar"]
    with pytest.raises(ModelError, match="the Argos index has no model for en→de"):
        install.install_online([("en", "de")])


def test_install_chosen_pairs_from_a_directory(argos_packages, argos_home):
    folder = argos_packages["fr"].parent
    result = invoke("models", "install", "ar", "--from-file", str(folder))
    assert result.exit_code == 0, result.output
    assert [p.pair for p in models.installed_packages()] == ["en-ar"]
    missing = invoke("models", "install", "de", "--from-file", str(folder))
    assert missing.exit_code == 2
    assert missing.output.strip() == f"Error: {folder}: no .argosmodel file for en→de here"




# --- an archive is not trusted (issue 13 §4) ---------------------------------------------

def repack(src: Path, dest: Path, replace: dict[str, bytes] | None = None,
           meta: dict | None = None, extra: dict[str, bytes] | None = None) -> Path:
    """A copy of the package `src` with members replaced, metadata changed or members added
    (checksums valid: only the content is bad)."""
    replace, extra = replace or {}, extra or {}
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dest, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info)
            tail = info.filename.split("/", 1)[-1]
            if tail == "metadata.json" and meta:
                data = json.dumps({**json.loads(data), **meta}).encode()
            zout.writestr(info.filename, replace.get(tail, data))
        for name, data in extra.items():
            zout.writestr(name, data)
    return dest


def test_language_code_that_climbs_out_is_refused(argos_packages, argos_home, tmp_path):
    bad = repack(argos_packages["fr"], tmp_path / "climb.argosmodel",
                 meta={"to_code": "fr-1_0/../../../x"})
    result = invoke("models", "install", str(bad))
    assert result.exit_code == 2
    assert result.output == (
        f"Error: {bad}: metadata.json has an invalid to_code 'fr-1_0/../../../x'; it must be "
        "a language code CLDR knows, such as 'en' or 'fr'\n")
    assert snapshot(argos_home) == {}
    assert not (tmp_path / "x").exists() and not (argos_home.parent / "x").exists()


@pytest.mark.parametrize("meta, message", [
    ({"from_code": "klingon"}, "metadata.json has an invalid from_code 'klingon'; it must be "
                               "a language code CLDR knows, such as 'en' or 'fr'"),
    ({"to_code": ["fr"]}, "metadata.json has an invalid to_code ['fr']; it must be a "
                          "language code CLDR knows, such as 'en' or 'fr'"),
    ({"package_version": "1/../../x"}, "metadata.json has an invalid package_version "
                                       "'1/../../x'; write it as digits and dots, such as "
                                       "'1.9'"),
])
def test_bad_metadata_values(argos_packages, argos_home, tmp_path, meta, message):
    bad = repack(argos_packages["fr"], tmp_path / "bad.argosmodel", meta=meta)
    result = invoke("models", "install", str(bad))
    assert result.exit_code == 2
    assert result.output == f"Error: {bad}: {message}\n"
    assert snapshot(argos_home) == {}


@pytest.mark.parametrize("name, message", [
    ("translate-en_fr-1_0/../../evil.txt",
     "unsafe path in archive: 'translate-en_fr-1_0/../../evil.txt'; this is not an Argos "
     "package"),
    ("/etc/evil.txt", "unsafe path in archive: '/etc/evil.txt'; this is not an Argos package"),
])
def test_member_paths_stay_inside(argos_packages, argos_home, tmp_path, name, message):
    bad = repack(argos_packages["fr"], tmp_path / "bad.argosmodel", extra={name: b"x"})
    result = invoke("models", "install", str(bad))
    assert result.exit_code == 2
    assert result.output == f"Error: {bad}: {message}\n"
    assert snapshot(argos_home) == {}
    assert not (tmp_path / "evil.txt").exists()


def test_symbolic_link_member_is_refused(argos_packages, argos_home, tmp_path):
    bad = repack(argos_packages["fr"], tmp_path / "link.argosmodel")
    with zipfile.ZipFile(bad, "a") as zf:
        link = zipfile.ZipInfo("translate-en_fr-1_0/model/shared.bin")
        link.external_attr = (0o120777 << 16)  # S_IFLNK
        zf.writestr(link, "/etc/passwd")
    result = invoke("models", "install", str(bad))
    assert result.exit_code == 2
    assert result.output == (f"Error: {bad}: symbolic link in archive: "
                             "'translate-en_fr-1_0/model/shared.bin'; this is not an Argos "
                             "package\n")
    assert snapshot(argos_home) == {}


def zip_bomb(path: Path, size: int) -> Path:
    """A small archive holding `size` bytes of zeros (about 1000:1) next to real-looking
    package files."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        zf.writestr("translate-en_fr-1_0/metadata.json",
                    json.dumps({"from_code": "en", "to_code": "fr", "package_version": "1.0"}))
        zf.writestr("translate-en_fr-1_0/model/model.bin", bytes(size))
    return path


def test_zip_bomb_is_refused_from_its_directory(argos_home, tmp_path):
    bomb = zip_bomb(tmp_path / "bomb.argosmodel", 4_000_000)
    assert bomb.stat().st_size < 20_000
    with zipfile.ZipFile(bomb) as zf:
        info = zf.getinfo("translate-en_fr-1_0/model/model.bin")
    ratio = info.file_size / info.compress_size
    assert ratio > 500
    result = invoke("models", "install", str(bomb))
    assert result.exit_code == 2
    assert result.output == (
        f"Error: {bomb}: translate-en_fr-1_0/model/model.bin would unpack {ratio:,.0f} times "
        "larger than stored (at most 100×): a zip bomb, not an Argos package; nothing was "
        "extracted\n")
    assert not argos_home.exists() or snapshot(argos_home) == {}


def test_total_size_is_capped(argos_packages, argos_home, tmp_path):
    with pytest.raises(ModelError) as err:
        install.install_from_file(zip_bomb(tmp_path / "big.argosmodel", 3_000_000),
                                  limits=install.Limits(max_bytes=2_000_000))
    assert str(err.value) == (
        f"{tmp_path / 'big.argosmodel'}: archive would unpack to 3 MB, more than the 2 MB a "
        "package may take; nothing was extracted")
    assert not argos_home.exists() or snapshot(argos_home) == {}
    # a real package passes the same check with room to spare
    assert install.install_from_file(argos_packages["fr"], limits=install.Limits(
        max_bytes=5_000_000, max_ratio=10))[0].pair == "en-fr"


def test_broken_model_never_replaces_a_working_one(argos_packages, argos_home, tmp_path):
    from locpipe.engines.argos import ArgosEngine

    assert invoke("models", "install", str(argos_packages["fr"])).exit_code == 0
    before = snapshot(argos_home)
    broken = repack(argos_packages["fr"], tmp_path / "translate-en_fr-1_1.argosmodel",
                    replace={"model/model.bin": b"not a CTranslate2 model" * 100},
                    meta={"package_version": "1.1"})
    result = invoke("models", "install", str(broken))
    assert result.exit_code == 2
    assert result.output == (
        f"Error: {broken}: its model (model/) cannot be loaded by CTranslate2; nothing was "
        "installed; the installed en→fr 1.0 is kept\n")
    assert snapshot(argos_home) == before
    assert [(p.pair, p.package_version) for p in models.installed_packages()] == [
        ("en-fr", "1.0")]
    assert ArgosEngine("en", "fr").translate(["The convoy reached Idlib."])[0].strip()


def test_broken_model_with_nothing_installed(argos_packages, argos_home, tmp_path):
    broken = repack(argos_packages["ar"], tmp_path / "b.argosmodel",
                    replace={"model/model.bin": b"\x00" * 64})
    result = invoke("models", "install", str(broken))
    assert result.output == (f"Error: {broken}: its model (model/) cannot be loaded by "
                             "CTranslate2; nothing was installed\n")
    assert [p for p in argos_home.iterdir() if not p.name.startswith(".")] == []
