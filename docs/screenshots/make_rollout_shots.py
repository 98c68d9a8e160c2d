"""Render the dialogs of the roll-out features offscreen into PNGs next to this script:
Help > Third-party licences, a refused order link, the profile chooser for a link, a broken
policy file, and the profile form when the policy allows parcelLab's regions only.

Run from the repository root, after a build collected the licence texts (build_linux.sh):
    QT_QPA_PLATFORM=offscreen .venv/bin/python docs/screenshots/make_rollout_shots.py [LICENCES_DIR]
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication, QInputDialog, QMessageBox, QWidget

from parcellab_desk.links import InvalidLinkError, parse_link
from parcellab_desk.services.policy import parse_policy, problem_message
from parcellab_desk.services.profiles import Region
from parcellab_desk.ui.licences_dialog import LicencesDialog
from parcellab_desk.ui.profile_dialog import ProfileDialog

OUT = Path(__file__).resolve().parent
ROOT = OUT.parent.parent
LICENCES = ROOT / "build" / "pyinstaller" / "pyi-work" / "parcellab_desk" / "licenses"


def save(widget: QWidget, name: str, *, fit: bool = True) -> None:
    widget.show()
    if fit:
        widget.adjustSize()
    for _ in range(5):
        QApplication.processEvents()
    path = OUT / f"{name}.png"
    if not widget.grab().save(str(path)):
        raise SystemExit(f"could not write {path}")
    print(path.relative_to(ROOT))


def main() -> None:
    app = QApplication(sys.argv[:1])
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else LICENCES
    if not (folder / "index.json").is_file():
        raise SystemExit(f"no licence index in {folder}: run ./packaging/build_linux.sh first")
    dialog = LicencesDialog(folder=folder)
    dialog.resize(1000, 620)
    save(dialog, "licences", fit=False)

    try:
        parse_link("parcellab-desk://order/1042/A-10042?token=abc")
    except InvalidLinkError as exc:
        refused = QMessageBox(
            QMessageBox.Icon.Warning, "Order link", f"This link cannot be opened: {exc}"
        )
    save(refused, "link_refused")

    chooser = QInputDialog()
    chooser.setWindowTitle("Open order link")
    chooser.setLabelText("Several profiles include account 1042. Open order A-10042 in which one?")
    chooser.setComboBoxItems(["EU production", "EU production (team B)"])
    chooser.setComboBoxEditable(False)
    save(chooser, "link_choose_profile")

    broken = parse_policy(
        '{"hide_demo": true, "alow_custom_urls": false}', Path("/etc/parcellab_desk/policy.json")
    )
    box = QMessageBox(
        QMessageBox.Icon.Warning, "Settings from your IT department", problem_message(broken) or ""
    )
    save(box, "policy_broken")

    form = ProfileDialog()
    form.restrict_regions(
        (Region.EU, Region.US, Region.GLOBAL),
        "Your organisation allows only parcelLab's own addresses.",
    )
    form.region_combo.showPopup()
    save(form, "profile_regions_only")
    form.region_combo.hidePopup()
    app.processEvents()


if __name__ == "__main__":
    main()
