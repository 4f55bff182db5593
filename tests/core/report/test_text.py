"""Escaping, right-to-left shaping and Han runs of user text."""

from __future__ import annotations

from opsdesk.core.report import fonts
from opsdesk.core.report.text import escape, para, runs, visual


def test_escape_replaces_every_markup_character() -> None:
    assert escape('<b>Scrap & "Rework"</b>') == (
        "&lt;b&gt;Scrap &amp; &quot;Rework&quot;&lt;/b&gt;")
    assert escape("it's") == "it&#39;s"


def test_para_keeps_no_markup_from_user_text() -> None:
    markup = para('<a href="http://x">link</a>\nnext')
    assert "<a" not in markup and "&lt;a href=&quot;http://x&quot;&gt;" in markup
    assert markup.endswith("link&lt;/a&gt;<br/>next")  # a line break is ours, not theirs


def test_arabic_is_shaped_and_put_in_visual_order() -> None:
    # "نسبة" = noon, seen, beh, teh marbuta. Joined forms from the Unicode chart
    # "Arabic Presentation Forms-B": noon initial U+FEE7, seen medial U+FEB4,
    # beh medial U+FE92, teh marbuta final U+FE94; drawn right to left, so the
    # left-to-right drawing order is the reverse.
    assert visual("نسبة") == "\ufe94\ufe92\ufeb4\ufee7"


def test_latin_text_is_left_alone() -> None:
    assert visual("Délai – Ørsted") == "Délai – Ørsted"


def test_han_runs_use_the_han_font() -> None:
    fonts.register()
    assert runs("FPY 一次合格率 (%)") == [
        (fonts.BODY, "FPY "), (fonts.HAN, "一次合格率"), (fonts.BODY, " (%)")]
    assert para("一次") == f'<font face="{fonts.HAN}">一次</font>'
