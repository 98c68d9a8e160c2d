"""Replaces PyInstaller's own QtGui hook: the same collection, minus Qt plugins the console
never uses. Left in, they drag host libraries into the bundle (the GTK3 theme plugin alone
brings ~20 MB of GTK; eglfs/linuxfb bring DRM and input stacks).

Kept: the xcb, wayland and offscreen platforms, the xdg-desktop-portal theme, the SVG icon
engine, the common image formats, the compose and ibus input methods.
"""

from __future__ import annotations

from pathlib import PurePath

from PyInstaller.utils.hooks.qt import add_qt6_dependencies

# (plugin folder, file name without "lib" and suffix: libqgtk3.so, qpdf.dll); "*": all of it
UNUSED_PLUGINS = {
    ("platformthemes", "qgtk3"),
    ("platforms", "qeglfs"),
    ("platforms", "qlinuxfb"),
    ("platforms", "qminimalegl"),
    ("platforms", "qvkkhrdisplay"),
    ("platforms", "qvnc"),
    ("egldeviceintegrations", "*"),
    ("generic", "*"),
    ("imageformats", "qpdf"),
    ("imageformats", "qtiff"),
    ("imageformats", "qwebp"),
    ("imageformats", "qwbmp"),
    ("imageformats", "qtga"),
    ("platforminputcontexts", "qtvirtualkeyboardplugin"),
}


def _stem(file_name: str) -> str:
    return PurePath(file_name).name.split(".", 1)[0].removeprefix("lib")


def _unused(src: str, dest: str) -> bool:
    folder = PurePath(dest).name
    if (folder, "*") in UNUSED_PLUGINS:
        return True
    return (folder, _stem(src)) in UNUSED_PLUGINS


hiddenimports, binaries, datas = add_qt6_dependencies(__file__)
binaries = [(src, dest) for src, dest in binaries if not _unused(src, dest)]
