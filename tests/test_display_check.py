from __future__ import annotations

from parcellab_desk.display_check import missing_display_reason


def test_linux_without_display_gets_one_clear_line() -> None:
    reason = missing_display_reason({}, "linux")
    assert reason is not None
    assert "\n" not in reason
    assert "QT_QPA_PLATFORM=offscreen" in reason
    assert "xvfb-run" in reason


def test_x11_wayland_and_offscreen_are_fine() -> None:
    assert missing_display_reason({"DISPLAY": ":0"}, "linux") is None
    assert missing_display_reason({"WAYLAND_DISPLAY": "wayland-0"}, "linux") is None
    assert missing_display_reason({"QT_QPA_PLATFORM": "offscreen"}, "linux") is None


def test_xcb_platform_still_needs_a_display() -> None:
    assert missing_display_reason({"QT_QPA_PLATFORM": "xcb"}, "linux") is not None


def test_windows_and_macos_never_block() -> None:
    assert missing_display_reason({}, "win32") is None
    assert missing_display_reason({}, "darwin") is None
