"""The owner field driven with real key events: part of a name typed finds it (any part,
case forgiven) in the completer's popup, which says who each one is; picking fills the
name alone; a name not in the directory is kept, with a hint saying so."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QFormLayout, QStyleOptionViewItem, QWidget

from opsdesk.core.improve.people import Person
from opsdesk.ui.improve.owner_box import NOT_LISTED, OwnerBox, who

PEOPLE = (Person("Aisha Rahman", "Quality", "Quality manager", "aisha@n.example"),
          Person("Jon Berg", "Operations", "Operations manager"),
          Person("Maria Keller", "Operations", "Continuous improvement lead"),
          Person("Tom Weber"))


HOSTS: list[QWidget] = []  # qtbot holds widgets weakly; the test's form lives to its end


def form_with_box(qtbot: Any, current: str = "") -> OwnerBox:
    host = QWidget()
    HOSTS[:] = [host]
    form = QFormLayout(host)
    box = OwnerBox(PEOPLE, current)
    box.add_to(form, "Owner")
    qtbot.addWidget(host)
    host.show()
    qtbot.waitExposed(host)
    box.setFocus()
    return box


def popup_texts(box: OwnerBox) -> list[str]:
    """What the completer's popup shows, row by row (as its delegate draws them)."""
    completer = box.completer()
    assert completer is not None
    popup = completer.popup()
    assert popup is not None
    model, delegate = popup.model(), popup.itemDelegate()
    out = []
    for row in range(model.rowCount()):
        option = QStyleOptionViewItem()
        delegate.initStyleOption(option, model.index(row, 0))  # type: ignore[attr-defined]
        out.append(option.text)
    return out


def test_popups_say_who_each_one_is() -> None:
    assert who(PEOPLE[0]) == "Aisha Rahman — Quality manager, Quality"
    assert who(PEOPLE[3]) == "Tom Weber"  # nothing more to say


def test_part_of_a_name_typed_then_picked_from_the_completer(qtbot: Any) -> None:
    box = form_with_box(qtbot)
    assert box.currentText() == "" and box.hint.isHidden()  # nobody chosen yet
    QTest.keyClicks(box, "KEL")  # the middle of the surname, in capitals
    completer = box.completer()
    assert completer is not None and completer.popup() is not None
    qtbot.waitUntil(lambda: completer.popup().isVisible())
    assert popup_texts(box) == ["Maria Keller — Continuous improvement lead, Operations"]
    QTest.keyClick(completer.popup(), Qt.Key.Key_Down)
    QTest.keyClick(completer.popup(), Qt.Key.Key_Return)
    assert box.currentText() == "Maria Keller"  # the name alone, not the role and team
    assert box.owner() == "Maria Keller" and box.hint.isHidden()


def test_operations_finds_no_one_by_team_but_er_finds_two(qtbot: Any) -> None:
    box = form_with_box(qtbot)
    QTest.keyClicks(box, "er")  # Jon Berg, Maria Keller, Tom Weber: by name only
    assert [t.split(" — ")[0] for t in popup_texts(box)] == ["Jon Berg", "Maria Keller",
                                                             "Tom Weber"]


def test_a_name_not_in_the_directory_is_kept_with_a_hint(qtbot: Any) -> None:
    box = form_with_box(qtbot)
    QTest.keyClicks(box, "Ines  Costa")  # a client's buyer
    QTest.keyClick(box, Qt.Key.Key_Return)
    assert box.currentText() == "Ines  Costa" and box.count() == len(PEOPLE)  # no new item
    assert not box.hint.isHidden() and box.hint.text() == NOT_LISTED
    assert box.owner() == "Ines Costa"  # spacing tidied, the name kept
    box.lineEdit().clear()
    assert box.hint.isHidden()  # empty: nothing to say


def test_a_variant_or_an_email_is_stored_as_the_directory_spells_it(qtbot: Any) -> None:
    box = form_with_box(qtbot)
    QTest.keyClicks(box, "  jon   BERG")
    assert box.owner() == "Jon Berg" and box.hint.isHidden()
    box.lineEdit().clear()
    QTest.keyClicks(box, "AISHA@n.example")
    assert box.owner() == "Aisha Rahman" and box.hint.isHidden()


def test_a_stored_owner_is_shown_as_it_was(qtbot: Any) -> None:
    assert form_with_box(qtbot, "maria keller").currentText() == "maria keller"
    outside = form_with_box(qtbot, "Ines Costa")
    assert not outside.hint.isHidden()
