"""The district digest as a PDF, and insights as CSV. Neither holds per-person performance:
no person is counted, the CSV has no author column, and stories are named only as their
authors allowed (see learning.digests and learning.knowledge).

The PDF embeds the Noto Sans fonts bundled in learning/fonts (SIL Open Font License, see
OFL.txt there), so names and text print in the scripts people write in: Latin, Greek and
Cyrillic from Noto Sans, and, when a character is not there, Canadian Aboriginal syllabics
(Cree, Inuktitut...), Hebrew and Arabic from their own Noto fonts. Text is shaped by
HarfBuzz (uharfbuzz): Arabic letters join, and Hebrew and Arabic runs read right to left
inside left-to-right paragraphs. Scripts outside these fonts (CJK, for one) print blank.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from fpdf import FPDF
from fpdf.enums import XPos, YPos

from forums.digests import SMALL
from learning.digests import DistrictDigest

FONTS = Path(__file__).resolve().parent / "fonts"
TEXT_FONT = "NotoSans"
# Tried in this order for a character Noto Sans lacks; each has a regular weight only, which
# also serves bold headings.
FALLBACK_FONTS = ("NotoSansCanadianAboriginal", "NotoSansHebrew", "NotoSansArabic")


class DigestPDF(FPDF):
    def __init__(self, title: str):
        super().__init__(format="A4")
        self.doc_title = title
        self.add_font(TEXT_FONT, "", FONTS / "NotoSans-Regular.ttf")
        self.add_font(TEXT_FONT, "B", FONTS / "NotoSans-Bold.ttf")
        for family in FALLBACK_FONTS:
            self.add_font(family, "", FONTS / f"{family}-Regular.ttf")
        self.set_fallback_fonts(FALLBACK_FONTS, exact_match=False)
        # Paragraphs run left to right, as the page's language does; right-to-left runs
        # within them are reordered and shaped.
        self.set_text_shaping(True, direction="ltr")
        self.set_margins(18, 18, 18)
        self.set_auto_page_break(True, margin=18)
        self.set_title(title)

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font(TEXT_FONT, size=8)
        self.set_text_color(90)
        self.cell(0, 6, f"{self.doc_title} - {self.page_no()}", align="C")

    def heading(self, text: str, size: int = 14) -> None:
        self.ln(3)
        self.set_font(TEXT_FONT, "B", size)
        self.set_text_color(29, 92, 77)
        self.multi_cell(0, size * 0.5, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_text_color(0)
        self.ln(1)

    def para(self, text: str, *, muted: bool = False, bullet: bool = False,
             size: int = 10) -> None:
        self.set_font(TEXT_FONT, size=size)
        self.set_text_color(85 if muted else 0)
        if bullet:
            self.set_x(self.l_margin + 4)
            text = f"- {text}"
        self.multi_cell(0, 5, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_text_color(0)


def digest_pdf(digest: DistrictDigest, *, filters: str = "", compress: bool = True) -> bytes:
    """The same content as the digest page, section by section: the digest was built for the
    person downloading it (learning.digests.district_digest)."""
    title = _("What %(district)s learned") % {"district": digest.district.name}
    pdf = DigestPDF(title)
    pdf.set_compression(compress)
    pdf.add_page()
    pdf.heading(title, 18)
    period = f"{date_format(digest.start, 'j M Y')} - {date_format(digest.end, 'j M Y')}"
    pdf.para(" · ".join(part for part in (period, filters) if part), muted=True)
    pdf.para(_("Built at %(time)s") % {"time": _when(digest.built_at)}, muted=True, size=8)

    pdf.heading(_("Insights by theme"))
    if not digest.insight_groups:
        pdf.para(_("No insights in this period."), muted=True)
    for group in digest.insight_groups:
        pdf.heading(group.theme.name if group.theme else _("Other"), 11)
        for insight in group.insights:
            pdf.para(_("When %(s)s, to %(g)s, do %(a)s.") % {
                "s": insight.situation, "g": insight.goal, "a": insight.action}, bullet=True)
            if insight.story:
                pdf.para(_("From the story \"%(title)s\" - %(byline)s") % {
                    "title": insight.story.title, "byline": insight.story.byline},
                    muted=True, size=9)

    pdf.heading(_("Stories shared with the district"))
    if not digest.stories:
        pdf.para(_("No stories shared with the district in this period."), muted=True)
    for story in digest.stories:
        pdf.para(f"{story.title} - {story.byline}", bullet=True)

    pdf.heading(_("Practices spreading"))
    if not digest.spreading:
        pdf.para(_("No practice was tried at another school in this period."), muted=True)
    for spread in digest.spreading:
        text = _("\"%(title)s\" (%(byline)s): tried at %(schools)s (tries: %(n)s)") % {
            "title": spread.story.title, "byline": spread.story.byline,
            "schools": ", ".join(spread.schools), "n": spread.tries}
        if spread.new_stories:
            text += " -> " + _("new stories: %(titles)s") % {
                "titles": "; ".join(s.title for s in spread.new_stories)}
        pdf.para(text, bullet=True)

    pdf.heading(_("Forum and collective activity by school"))
    if not digest.activity:
        pdf.para(_("No sessions or tries in this period."), muted=True)
    else:
        pdf.set_font(TEXT_FONT, size=10)
        with pdf.table(col_widths=(3, 1, 1), text_align=("LEFT", "RIGHT", "RIGHT"),
                       line_height=6) as table:
            table.row([_("School"), _("Sessions held"), _("Tries reported")])
            for row in digest.activity:
                table.row([row.name, str(row.sessions), str(row.tries)])

    pdf.heading(_("Rising themes"))
    if not digest.trends:
        pdf.para(_("No theme grew compared with the period before."), muted=True)
    for trend in digest.trends:
        pdf.para(_("%(name)s: %(now)s new stories (%(before)s in the period before)") % {
            "name": trend.name, "now": trend.now_shown, "before": trend.before_shown},
            bullet=True)

    pdf.ln(4)
    note = _("Stories appear only when shared with the district, and their authors are "
             "named only if they chose to be. Counts under 3 read \"fewer than 3\". No "
             "person is counted or ranked.")
    if digest.district.small_count > SMALL:
        note += " " + _("In this district, counts under %(n)d read \"fewer than %(n)d\".") % {
            "n": digest.district.small_count}
    pdf.para(note, muted=True, size=8)
    return bytes(pdf.output())


def _when(moment: datetime) -> str:
    return date_format(timezone.localtime(moment), "j M Y, H:i")



