"""The article lock when processes race: a cluster's workers start together on a fresh --out,
and each creates the output folder its first article needs."""

from __future__ import annotations

from pathlib import Path

from locpipe.formats.manifest import LOCK_NAME, ArticleLock


def test_a_folder_another_process_made_meanwhile_is_used(tmp_path, monkeypatch):
    out = tmp_path / "remote"
    real = Path.mkdir

    def mkdir(self, *args, **kwargs):
        if self == out:  # the other worker got there first
            real(self, *args, **kwargs)
            raise FileExistsError(17, "File exists", str(self))
        return real(self, *args, **kwargs)

    monkeypatch.setattr(Path, "mkdir", mkdir)
    lock = ArticleLock(out / "story-002")
    lock.acquire()
    assert (out / "story-002" / LOCK_NAME).is_file()
    assert lock.created == [out / "story-002"]  # not ours to remove if the article fails
    lock.release()


def test_the_lock_names_this_process_over_what_a_killed_run_left(tmp_path):
    import os

    folder = tmp_path / "out" / "bakeries-reopen"
    folder.mkdir(parents=True)
    (folder / LOCK_NAME).write_text("4194300\nleft by a run killed mid-write\n")
    with ArticleLock(folder):
        assert (folder / LOCK_NAME).read_text() == f"{os.getpid()}\n"
    assert not (folder / LOCK_NAME).exists()
