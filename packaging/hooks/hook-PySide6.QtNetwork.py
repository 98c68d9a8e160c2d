"""Replaces PyInstaller's own QtNetwork hook. The console uses QtNetwork for one thing, the
``QLocalServer`` of the single-instance hand-over: no HTTP (httpx does that), no TLS, no
network-information backends. Their plugins would drag GLib's GIO, libmount, libblkid and
SELinux's library into the bundle (about 6 MB), and Qt's OpenSSL copies besides.
"""

from __future__ import annotations

from pathlib import PurePath

from PyInstaller.utils.hooks.qt import add_qt6_dependencies

UNUSED_PLUGIN_FOLDERS = {"networkinformation", "tls"}

hiddenimports, binaries, datas = add_qt6_dependencies(__file__)
binaries = [
    (src, dest) for src, dest in binaries if PurePath(dest).name not in UNUSED_PLUGIN_FOLDERS
]
# (PyInstaller's hook adds pyside6_library_info.collect_qtnetwork_files(): Qt's OpenSSL.)
