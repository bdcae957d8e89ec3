"""The export dialog driven like a user would: real window, real library, real audio, real files."""

from __future__ import annotations

import csv
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from podplayer.core.model import Highlight, WordRef
from podplayer.store.repository import Library
from podplayer.ui.dialogs.export_dialog import ExportDialog
from podplayer.ui.window.main_window import MainWindow
from tests.helpers_typing import present


@pytest.fixture
def highlighted(library: Library, word_episode_id: int) -> int:
    library.add_highlight(
        word_episode_id,
        Highlight(WordRef(0, 1), WordRef(0, 3), "bravo charlie delta", tags=["greek letters"], note="first"),
    )
    library.add_highlight(word_episode_id, Highlight(WordRef(1, 0), WordRef(1, 2), "foxtrot golf hotel", tags=["nato"]))
    return word_episode_id


@pytest.fixture
def dialog(qtbot: QtBot, make_window: Callable[[], MainWindow], highlighted: int) -> ExportDialog:
    window = make_window()
    assert window.session.open(highlighted)
    window.menu_actions.export.trigger()
    found = window.findChild(ExportDialog, "export_dialog")
    assert isinstance(found, ExportDialog)
    qtbot.waitExposed(found)
    return found


def choose(dialog: ExportDialog, fmt: str) -> None:
    dialog.format.setCurrentIndex(dialog.format.findData(fmt))


def export_and_wait(qtbot: QtBot, dialog: ExportDialog) -> None:
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.job is None and dialog.export_button.isEnabled(), timeout=20000)


def answer_next_question(button: QMessageBox.StandardButton) -> None:
    """Click ``button`` in the confirmation box as soon as it is shown."""

    def click() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            box.button(button).click()
        else:
            QTimer.singleShot(20, click)

    QTimer.singleShot(20, click)


def test_markdown_export_and_remembered_choices(
    qtbot: QtBot, dialog: ExportDialog, tmp_path: Path, make_window: Callable[[], MainWindow]
) -> None:
    choose(dialog, "md")
    assert dialog.template.isVisible() and not dialog.pad.isVisible()
    target = tmp_path / "notes.md"
    dialog.destination.setText(str(target))
    export_and_wait(qtbot, dialog)
    assert "Exported" in dialog.status.text()
    head = target.read_text(encoding="utf-8").split("\n---\n", 1)[0].removeprefix("---\n")
    assert yaml.safe_load(head)["tags"] == ["greek-letters", "nato"]
    window = dialog.parentWidget()
    assert isinstance(window, MainWindow)
    assert window.settings.last_export_format == "md"
    assert window.settings.last_export_folder == str(tmp_path)
    dialog.close()
    window.menu_actions.export.trigger()
    again = window.export_dialog
    assert again is not dialog
    qtbot.waitUntil(again.isVisible)
    assert again.fmt == "md" and again.destination.text().startswith(str(tmp_path))


def test_existing_file_needs_confirmation(qtbot: QtBot, dialog: ExportDialog, tmp_path: Path) -> None:
    choose(dialog, "csv")
    target = tmp_path / "h.csv"
    target.write_text("mine", encoding="utf-8")
    dialog.destination.setText(str(target))
    answer_next_question(QMessageBox.StandardButton.No)
    export_and_wait(qtbot, dialog)
    assert target.read_text(encoding="utf-8") == "mine"
    answer_next_question(QMessageBox.StandardButton.Yes)
    export_and_wait(qtbot, dialog)
    assert target.read_text(encoding="utf-8").startswith("episode,start,end")


def test_clips_for_a_tag(qtbot: QtBot, dialog: ExportDialog, tmp_path: Path) -> None:
    dialog.scope.setCurrentIndex(dialog.scope.findData("tag"))
    dialog.tag.setCurrentIndex(dialog.tag.findText("nato"))
    choose(dialog, "clips")
    assert dialog.pad.isVisible() and dialog.clip_format.isVisible() and not dialog.template.isVisible()
    dialog.clip_format.setCurrentText("wav")
    dialog.pad.setValue(0.25)
    folder = tmp_path / "clips"
    dialog.destination.setText(str(folder))
    export_and_wait(qtbot, dialog)
    (clip,) = folder.iterdir()
    assert clip.name == "001 - Ben - foxtrot golf hotel.wav"
    assert dialog.status.text().startswith("Exported")


def test_cancel_clips_leaves_nothing(qtbot: QtBot, dialog: ExportDialog, tmp_path: Path) -> None:
    choose(dialog, "clips")
    folder = tmp_path / "clips"
    dialog.destination.setText(str(folder))
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert dialog.cancel_button.isVisible() and not dialog.export_button.isEnabled()
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.job is None, timeout=20000)
    assert "cancelled" in dialog.status.text()
    assert not folder.exists() or list(folder.iterdir()) == []


def test_errors_show_in_the_dialog(qtbot: QtBot, dialog: ExportDialog, tmp_path: Path) -> None:
    choose(dialog, "md")
    dialog.template.setText(str(tmp_path / "missing.j2"))
    dialog.destination.setText(str(tmp_path / "x.md"))
    export_and_wait(qtbot, dialog)
    assert dialog.status.text().startswith("Could not export:") and "missing.j2" in dialog.status.text()
    assert not (tmp_path / "x.md").exists()


def test_selected_highlights_scope(
    qtbot: QtBot, make_window: Callable[[], MainWindow], highlighted: int, library: Library, tmp_path: Path
) -> None:
    window = make_window()
    assert window.session.open(highlighted)
    panel = window.annotations.panel
    second = library.highlights(highlighted)[1]
    qtbot.waitUntil(lambda: len(panel.visible_highlights()) == 2)
    panel.select_highlight(present(second.id))
    window.menu_actions.export.trigger()
    dialog = window.export_dialog
    assert dialog.scope.findData("selected") >= 0
    dialog.scope.setCurrentIndex(dialog.scope.findData("selected"))
    choose(dialog, "csv")
    target = tmp_path / "selected.csv"
    dialog.destination.setText(str(target))
    export_and_wait(qtbot, dialog)
    with target.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert [r["text"] for r in rows] == ["foxtrot golf hotel"]


def test_refi_qda_project_and_codebook(qtbot: QtBot, dialog: ExportDialog, tmp_path: Path) -> None:
    import zipfile

    from tests.helpers_schemas import validate_qdc, validate_qdpx

    choose(dialog, "qdpx")
    assert dialog.embed_audio.isVisible() and dialog.embed_audio.isChecked() and not dialog.pad.isVisible()
    assert dialog.destination.text().endswith(".qdpx")
    target = tmp_path / "project.qdpx"
    dialog.destination.setText(str(target))
    export_and_wait(qtbot, dialog)
    assert dialog.status.text().startswith("Exported")
    validate_qdpx(target)
    with zipfile.ZipFile(target) as archive:
        assert [n for n in archive.namelist() if n.endswith(".mp3")]
    dialog.embed_audio.setChecked(False)
    answer_next_question(QMessageBox.StandardButton.Yes)
    export_and_wait(qtbot, dialog)
    with zipfile.ZipFile(target) as archive:
        assert {n.rsplit(".", 1)[-1] for n in archive.namelist()} == {"txt", "qde"}
    choose(dialog, "qdc")
    assert not dialog.embed_audio.isVisible()
    codebook = tmp_path / "codes.qdc"
    dialog.destination.setText(str(codebook))
    export_and_wait(qtbot, dialog)
    validate_qdc(codebook)
    assert "greek letters" in codebook.read_text(encoding="utf-8")


def test_elan_and_praat_exports_carry_a_highlights_tier(qtbot: QtBot, dialog: ExportDialog, tmp_path: Path) -> None:
    from pympi import Praat

    from tests.helpers_schemas import validate_eaf

    choose(dialog, "eaf")
    assert dialog.destination.text().endswith(".eaf") and not dialog.embed_audio.isVisible()
    eaf = tmp_path / "episode.eaf"
    dialog.destination.setText(str(eaf))
    export_and_wait(qtbot, dialog)
    validate_eaf(eaf)
    assert "greek letters: first" in eaf.read_text(encoding="utf-8")
    choose(dialog, "textgrid")
    assert dialog.destination.text().endswith(".TextGrid")
    grid = tmp_path / "episode.TextGrid"
    dialog.destination.setText(str(grid))
    export_and_wait(qtbot, dialog)
    labels = [v for _, _, v in Praat.TextGrid(str(grid)).get_tier("Highlights").get_all_intervals() if v]
    assert labels == ["greek letters: first", "nato"]
