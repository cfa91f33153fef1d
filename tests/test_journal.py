"""The journal of a multi-file edit, in-process (the kill tests of test_interrupted_edits.py run real
processes, in the slow tier): what `recover` puts back, byte for byte, and what it leaves alone."""

from __future__ import annotations

import contextlib

from jalons.content.journal import begin, end, journal_dir, recover


def test_nothing_to_recover_without_a_journal(tmp_path):
    assert recover(tmp_path) is None
    assert not journal_dir(tmp_path).exists()


def test_a_journal_without_its_manifest_changed_nothing_and_goes(tmp_path):
    kept = tmp_path / "fiche.yml"
    kept.write_bytes(b"numero: 22\n")
    journal_dir(tmp_path).mkdir()
    (journal_dir(tmp_path) / "0.avant").write_bytes(b"autre chose\n")  # killed before the manifest was written
    assert recover(tmp_path) is None
    assert not journal_dir(tmp_path).exists()
    assert kept.read_bytes() == b"numero: 22\n"


def test_an_interrupted_edit_is_undone_byte_for_byte(tmp_path):
    changed, untouched, created = tmp_path / "a.yml", tmp_path / "b.yml", tmp_path / "neuf" / "c.yml"
    changed.write_bytes(b"\xef\xbb\xbftitre: avant\r\n")
    untouched.write_bytes(b"titre: pareil\n")
    begin(tmp_path, {changed: changed.read_bytes(), untouched: untouched.read_bytes(), created: None},
          [created.parent])
    changed.write_bytes(b"titre: apres\n")  # the edit, killed half-way: one file changed, one created
    created.parent.mkdir()
    created.write_bytes(b"titre: nouveau\n")
    with contextlib.chdir(tmp_path):
        said = recover(tmp_path)
    assert changed.read_bytes() == b"\xef\xbb\xbftitre: avant\r\n"
    assert untouched.read_bytes() == b"titre: pareil\n"
    assert not created.exists() and not created.parent.exists()
    assert not journal_dir(tmp_path).exists()
    assert said == ("une modification interrompue du contenu (commande arrêtée avant sa fin) a été annulée : le "
                    "contenu est revenu à son état d'avant (a.yml, neuf/c.yml)")
    assert recover(tmp_path) is None  # done once


def test_a_folder_made_by_the_edit_that_holds_other_files_stays(tmp_path):
    folder = tmp_path / "evaluations"
    begin(tmp_path, {folder / "2026-12.yml": None}, [folder])
    folder.mkdir()
    (folder / "2026-12.yml").write_text("jalons:\n", encoding="utf-8")
    (folder / "autre.yml").write_text("x: 1\n", encoding="utf-8")  # written by someone else meanwhile
    with contextlib.chdir(tmp_path):
        said = recover(tmp_path)
    assert sorted(path.name for path in folder.iterdir()) == ["autre.yml"]
    assert said.endswith("(evaluations/2026-12.yml)")


def test_nothing_had_changed_yet_is_said(tmp_path):
    kept = tmp_path / "a.yml"
    kept.write_bytes(b"x: 1\n")
    begin(tmp_path, {kept: b"x: 1\n"}, [])
    with contextlib.chdir(tmp_path):
        assert recover(tmp_path).endswith("(aucun fichier n'avait encore changé)")
    end(tmp_path)
