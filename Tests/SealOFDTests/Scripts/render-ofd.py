#!/usr/bin/env python3
"""Renders one page of an OFD with PyPI easyofd (an OFD reader we did not write) and measures it.

Usage: render-ofd.py FILE.ofd [--page N] [--dpi D] [--box x,y,w,h ...] [--png OUT.png]

The page (1-based, document order) is drawn by easyofd (OFD -> PDF) and rasterised by PyMuPDF at D dots per inch.
Boxes are in page millimetres (OFD units: origin top-left, y down). Prints one JSON object:
  {"width": px, "height": px, "page_mm": [w, h], "pages": n,
   "boxes": [{"box": [x, y, w, h], "red": n, "dark": n, "pixels": n}, ...], "red_total": n, "dark_total": n}
easyofd 20260427 draws every text with the font registered under the name 宋体 (SimSun from simsun.ttc, which Debian
does not have) and never with the document's own fonts (it reads "@FontName" where its parser stored "FontName").
So that text is drawn at all, 宋体 is registered here as the document's first embedded TrueType font (the glyphs the
document carries), else as AR PL UMing (--song-fallback, fonts-arphic-uming); the JSON says which ("song").
"red" counts pixels with R > 150, G < 100, B < 100 (a seal's red); "dark" counts pixels whose R, G and B are all
below 128 (text). --png writes the rendered page for a person to look at. Exits 2 when easyofd draws no page.
"""
import argparse
import contextlib
import json
import os
import sys
import tempfile


def parse_box(text):
    parts = [float(v) for v in text.split(",")]
    if len(parts) != 4 or parts[2] < 0 or parts[3] < 0:
        raise argparse.ArgumentTypeError(f"{text!r} is not x,y,w,h in mm")
    return parts


def register_song(documents, work, fallback):
    """Registers 宋体 with reportlab: the first embedded font easyofd read that reportlab accepts, else `fallback`."""
    import base64
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    for document in documents or []:
        for font_id, font in (document.get("fonts") or {}).items():
            data = font.get("font_b64")
            if not data:
                continue
            file = os.path.join(work, f"embedded-{font_id}.ttf")
            with open(file, "wb") as handle:
                handle.write(base64.b64decode(data))
            try:
                pdfmetrics.registerFont(TTFont("宋体", file))
                return f"embedded:{font.get('FontFile')}"
            except Exception as error:  # not TrueType (CFF/OTF), or damaged: try the next one
                print(f"render-ofd: embedded font {font.get('FontFile')} not usable by reportlab: {error}", file=sys.stderr)
    if fallback and os.path.exists(fallback):
        pdfmetrics.registerFont(TTFont("宋体", fallback, subfontIndex=0))
        return f"fallback:{fallback}"
    return "none"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("ofd")
    parser.add_argument("--page", type=int, default=1)
    parser.add_argument("--dpi", type=float, default=100.0)
    parser.add_argument("--box", type=parse_box, action="append", default=[])
    parser.add_argument("--png")
    parser.add_argument("--song-fallback", default="/usr/share/fonts/truetype/arphic/uming.ttc")
    args = parser.parse_args()
    if args.page < 1 or not (10 <= args.dpi <= 1200):
        parser.error("--page must be 1 or more, --dpi between 10 and 1200")
    path = os.path.abspath(args.ofd)
    png = os.path.abspath(args.png) if args.png else None

    # easyofd logs through loguru and writes embedded fonts into the current directory while it draws.
    # easyofd and PyMuPDF also print to standard output (warnings, progress): that goes to standard error while they
    # are imported and run, so that stdout is the JSON alone.
    with contextlib.redirect_stdout(sys.stderr):
        from loguru import logger
        logger.remove()
        import fitz
        from easyofd.ofd import OFD
        from easyofd.draw import DrawPDF

    with tempfile.TemporaryDirectory(prefix="render-ofd-") as work, contextlib.redirect_stdout(sys.stderr):
        os.chdir(work)
        reader = OFD()
        reader.read(path, fmt="path")
        song = register_song(reader.data, work, args.song_fallback)
        drawer = DrawPDF(reader.data)
        pdf = drawer()
        os.chdir("/")
    # easyofd draws OP PDF points per OFD millimetre.
    points_per_mm = float(drawer.OP)
    document = fitz.open(stream=pdf, filetype="pdf")
    if document.page_count < args.page:
        print(json.dumps({"error": f"easyofd drew {document.page_count} page(s)", "pages": document.page_count}))
        return 2
    page = document[args.page - 1]
    per_mm = args.dpi / 25.4
    zoom = per_mm / points_per_mm
    pixmap = page.get_pixmap(matrix=fitz.Matrix(zoom, zoom), alpha=False)
    from PIL import Image
    image = Image.frombytes("RGB", [pixmap.width, pixmap.height], pixmap.samples)
    if png:
        image.save(png)
    width, height = image.size
    from PIL import ImageChops
    r, g, b = image.split()

    def mask(channel, test):
        return channel.point(lambda v: 255 if test(v) else 0, mode="1")

    red_mask = ImageChops.logical_and(ImageChops.logical_and(mask(r, lambda v: v > 150), mask(g, lambda v: v < 100)), mask(b, lambda v: v < 100))
    dark_mask = ImageChops.logical_and(ImageChops.logical_and(mask(r, lambda v: v < 128), mask(g, lambda v: v < 128)), mask(b, lambda v: v < 128))

    def count(region, box=None):
        part = region.crop(box) if box else region
        return part.histogram()[-1]

    red_total, dark_total = count(red_mask), count(dark_mask)
    boxes = []
    for (bx, by, bw, bh) in args.box:
        x0, y0 = max(0, int(round(bx * per_mm))), max(0, int(round(by * per_mm)))
        x1, y1 = min(width, int(round((bx + bw) * per_mm))), min(height, int(round((by + bh) * per_mm)))
        red = count(red_mask, (x0, y0, x1, y1)) if x1 > x0 and y1 > y0 else 0
        dark = count(dark_mask, (x0, y0, x1, y1)) if x1 > x0 and y1 > y0 else 0
        boxes.append({"box": [bx, by, bw, bh], "red": red, "dark": dark, "pixels": max(0, x1 - x0) * max(0, y1 - y0)})
    rect = page.rect
    print(json.dumps({
        "width": width, "height": height, "page_mm": [round(rect.width / points_per_mm, 2), round(rect.height / points_per_mm, 2)],
        "pages": document.page_count, "song": song, "boxes": boxes, "red_total": red_total, "dark_total": dark_total,
    }))
    return 0


if __name__ == "__main__":
    sys.exit(main())
