"""The pictures and documents attached to some demo stories, drawn in code: PNG bar charts
(Pillow) and a one-page PDF written by hand, so the demo ships no binary files."""

from __future__ import annotations

import io

from PIL import Image, ImageDraw, ImageFont

# The stories that carry files; `attachments_by_story` draws them.
ILLUSTRATED_STORIES = ("okafor-exit-tickets", "lindqvist-welcome-back", "reyes-reassessment")


def _font(size: int) -> ImageFont.ImageFont | ImageFont.FreeTypeFont:
    try:
        return ImageFont.load_default(size=size)
    except TypeError:  # Pillow built without FreeType
        return ImageFont.load_default()


def _bar_chart(title: str, bars: list[tuple[str, float, str]], unit: str = "%",
               maximum: float = 100) -> bytes:
    """A small PNG bar chart: bars are (label, value, colour)."""
    width, height = 600, 400
    left, right, top, bottom = 60, 30, 70, 330
    image = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(image)
    draw.text((width // 2, 30), title, fill="#1f2933", font=_font(18), anchor="mm")
    small = _font(13)
    for tick in range(0, int(maximum) + 1, int(maximum) // 4):
        y = bottom - (bottom - top) * tick / maximum
        draw.line([(left, y), (width - right, y)], fill="#e4e7eb")
        draw.text((left - 8, y), f"{tick}{unit}", fill="#52606d", font=small, anchor="rm")
    draw.line([(left, top), (left, bottom), (width - right, bottom)], fill="#52606d", width=2)
    slot = (width - left - right) / len(bars)
    for index, (label, value, colour) in enumerate(bars):
        x0 = left + slot * index + slot * 0.2
        x1 = left + slot * (index + 1) - slot * 0.2
        y = bottom - (bottom - top) * value / maximum
        draw.rectangle([(x0, y), (x1, bottom)], fill=colour)
        draw.text(((x0 + x1) / 2, y - 6), f"{value:g}{unit}", fill="#1f2933", font=small,
                  anchor="md")
        for line_no, part in enumerate(label.split("\n")):
            draw.text(((x0 + x1) / 2, bottom + 14 + 16 * line_no), part, fill="#1f2933",
                      font=small, anchor="mm")
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


def _pdf(title: str, lines: list[str]) -> bytes:
    """A minimal one-page PDF (Letter, Helvetica) with a title and lines of text."""

    def escape(text: str) -> str:
        return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")

    stream = ["BT", "/F1 20 Tf", "72 720 Td", f"({escape(title)}) Tj", "/F1 12 Tf", "0 -36 Td"]
    for line in lines:
        stream += [f"({escape(line)}) Tj", "0 -22 Td"]
    stream.append("ET")
    content = "\n".join(stream).encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length " + str(len(content)).encode() + b" >>\nstream\n" + content
        + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref_at = len(out)
    out += f"xref\n0 {len(objects) + 1}\n".encode() + b"0000000000 65535 f \n"
    for offset in offsets:
        out += f"{offset:010d} 00000 n \n".encode()
    out += (f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\n"
            f"startxref\n{xref_at}\n%%EOF").encode()
    return bytes(out)


def attachments_by_story() -> dict[str, list[tuple[str, str, str, bytes]]]:
    """Story key -> [(kind, file name, content type, bytes)]. Drawn on each call, so only
    when a story still lacks its files."""
    before, after = "#9aa5b1", "#0f766e"
    return {
        "okafor-exit-tickets": [(
            "photo", "exit-ticket-scores.png", "image/png",
            _bar_chart("Density unit: exit tickets and unit check",
                       [("Ticket\nlab 1", 41, before), ("Ticket\nlab 2", 81, after),
                        ("Unit item\nlast year", 41, before), ("Unit item\nthis year", 68, after)]),
        )],
        "lindqvist-welcome-back": [(
            "photo", "grade6-chronic-absence.png", "image/png",
            _bar_chart("Grade 6: students chronically absent",
                       [("Sep", 18, before), ("Oct", 16, after), ("Nov", 14, after),
                        ("Dec", 12, after), ("Jan", 11, after)], maximum=20),
        )],
        "reyes-reassessment": [(
            "pdf", "reassessment-ticket.pdf", "application/pdf",
            _pdf("Reassessment ticket - Grade 7 Math", [
                "Name: ______________________   Date: ____________",
                "Learning target I want to reassess: ______________________",
                "My score now: ____   What went wrong the first time:",
                "______________________________________________________",
                "How I practised (tick one or more):",
                "[ ] Watched the target video and took notes",
                "[ ] Completed the worked-example set",
                "[ ] Came to a lunch session on: ____________",
                "Retake date I am booking: ____________",
                "Teacher signature: ______________________",
                "The new score replaces the old one.",
            ]),
        )],
    }
