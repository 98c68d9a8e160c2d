"""Renders the application icon (resources/icons/parcellab-desk.svg) for the installers.

    python packaging/render_icons.py OUT_DIR

writes ``OUT_DIR/hicolor/<n>x<n>/apps/parcellab-desk.png`` (the freedesktop icon theme
sizes), ``OUT_DIR/parcellab-desk.ico`` (Windows) and ``OUT_DIR/parcellab-desk.icns`` (macOS).
Qt's SVG renderer draws every size from the vector source (small sizes stay sharp); Pillow
packs the .ico and .icns containers. Needs the ``packaging`` extra (Pillow).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Final

ICON_NAME: Final = "parcellab-desk"
SOURCE: Final = Path(__file__).resolve().parent.parent / "resources" / "icons" / f"{ICON_NAME}.svg"
HICOLOR_SIZES: Final = (16, 22, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES: Final = (16, 24, 32, 48, 64, 128, 256)
ICNS_SIZES: Final = (16, 32, 64, 128, 256, 512, 1024)


def render_png(svg: Path, size: int, target: Path) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"cannot read {svg}")
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter)
    painter.end()
    target.parent.mkdir(parents=True, exist_ok=True)
    if not image.save(str(target)):  # the format follows the .png suffix
        raise SystemExit(f"cannot write {target}")


def render_all(out_dir: Path, svg: Path = SOURCE) -> list[Path]:
    """Renders every file into ``out_dir``; returns the paths written."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PIL import Image
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    written: list[Path] = []
    pngs: dict[int, Path] = {}
    for size in sorted({*HICOLOR_SIZES, *ICO_SIZES, *ICNS_SIZES}):
        if size in HICOLOR_SIZES:
            target = out_dir / "hicolor" / f"{size}x{size}" / "apps" / f"{ICON_NAME}.png"
            written.append(target)
        else:
            target = out_dir / "png" / f"{ICON_NAME}-{size}.png"
        render_png(svg, size, target)
        pngs[size] = target

    def images(sizes: Sequence[int]) -> list[Image.Image]:
        return [Image.open(pngs[s]).convert("RGBA") for s in sizes]

    ico_images = images(ICO_SIZES)
    ico = out_dir / f"{ICON_NAME}.ico"
    ico_images[-1].save(
        ico, format="ICO", sizes=[(s, s) for s in ICO_SIZES], append_images=ico_images[:-1]
    )
    icns_images = images(ICNS_SIZES)
    icns = out_dir / f"{ICON_NAME}.icns"
    icns_images[-1].save(icns, format="ICNS", append_images=icns_images[:-1])
    written += [ico, icns]
    del app
    return written


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if len(args) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    out_dir = Path(args[0])
    for path in render_all(out_dir):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
