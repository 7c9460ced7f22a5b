"""Reading a table saved by a spreadsheet, as people's spreadsheets really write it.

- Text: UTF-8 with or without a byte-order mark, UTF-16 (Excel's "Unicode text": with a mark,
  or without one when its zero bytes tell the order), else Windows-1252 (Excel's "CSV" on
  Windows). A file mixing UTF-8 lines with others is refused, naming a line of each.
- Delimiter: comma, semicolon or tab, as csv.Sniffer finds it on the first lines; when it
  cannot tell, the one the header line holds most.
- Columns are found by their header, whatever its case, accents and punctuation ("E-mail",
  "Adresse courriel", "École"): each Column lists the folded names it answers to.

Every problem is a Problem naming its line and column (as the file's header writes it), so
the person can find it in their spreadsheet.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import islice

from django.utils.translation import gettext as _

SNIFF_LINES = 20
DELIMITERS = ",;\t"


@dataclass(frozen=True)
class Problem:
    message: str
    line: int | None = None
    column: str = ""
    file: str = ""

    def as_dict(self) -> dict:
        return {"file": self.file, "line": self.line, "column": self.column,
                "message": self.message}


class Unreadable(Exception):
    """The file as a whole cannot be read; `problems` say why."""

    def __init__(self, *problems: Problem):
        super().__init__(problems[0].message)
        self.problems = list(problems)


def fold(text: str) -> str:
    """Lower case, no accents, words separated by one space: "Adresse e-mail" -> "adresse e
    mail", "d’École" -> "d ecole". Names and headers are compared folded."""
    text = unicodedata.normalize("NFKD", text.replace("\ufeff", ""))
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    return " ".join(re.findall(r"[^\W_]+", text))


# --- Text ------------------------------------------------------------------------------------

def decode(data: bytes, *, file: str = "") -> str:
    """The file's text, whichever of the encodings spreadsheets use it is in."""
    if data.startswith(b"\xef\xbb\xbf"):
        return _strict(data, "utf-8-sig", file)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _strict(data, "utf-16", file)
    if b"\x00" in data:
        return _strict(data, _utf16_without_mark(data, file), file)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    _refuse_mixed(data, file)
    return _strict(data, "cp1252", file)


def _strict(data: bytes, encoding: str, file: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        raise Unreadable(Problem(_("The file is not text in a known encoding. Save it as "
                                   "“CSV UTF-8” and upload it again."), file=file)) from None


def _utf16_without_mark(data: bytes, file: str) -> str:
    """Text of letters saved as UTF-16 has a zero byte in every other place."""
    even, odd = data[0::2], data[1::2]
    if odd.count(0) > len(odd) * 0.3 and even.count(0) == 0:
        return "utf-16-le"
    if even.count(0) > len(even) * 0.3 and odd.count(0) == 0:
        return "utf-16-be"
    raise Unreadable(Problem(_("This is not a text file. Save the spreadsheet as CSV and "
                               "upload it again."), file=file))


def _refuse_mixed(data: bytes, file: str) -> None:
    """Some lines UTF-8 with accents, others not: two files pasted together."""
    utf8_line = other_line = None
    for number, line in enumerate(data.split(b"\n"), start=1):
        if line.isascii():
            continue
        try:
            line.decode("utf-8")
            utf8_line = utf8_line or number
        except UnicodeDecodeError:
            other_line = other_line or number
        if utf8_line and other_line:
            raise Unreadable(Problem(
                _("This line is not in the same encoding as line %(line)d: the file mixes two "
                  "encodings. Save it again as “CSV UTF-8” and upload it again.")
                % {"line": utf8_line}, line=other_line, file=file))


def delimiter_of(text: str) -> str:
    lines = [line.rstrip("\r\n") for line in islice(io.StringIO(text, newline=""), SNIFF_LINES)
             if line.strip()]
    if not lines:
        return ","
    header = lines[0]
    try:
        found = csv.Sniffer().sniff("\n".join(lines), delimiters=DELIMITERS).delimiter
        if found in header:
            return found
    except csv.Error:
        pass
    counts = {d: header.count(d) for d in DELIMITERS}
    best = max(counts, key=counts.get)
    return best if counts[best] else ","


# --- Columns and rows ------------------------------------------------------------------------

@dataclass(frozen=True)
class Column:
    key: str
    label: str  # how a message names it, in the reader's language
    names: tuple[str, ...]  # the folded headers it answers to


@dataclass
class Table:
    file: str
    header: list[str]  # as written
    index: dict[str, int]  # Column.key -> position
    records: Iterator[tuple[int, list[str]]] = field(repr=False)

    def column_name(self, key: str) -> str:
        return self.header[self.index[key]] if key in self.index else key

    def rows(self) -> Iterator[tuple[int, dict[str, str]]]:
        """(line, {key: stripped cell}) for each row with anything in it."""
        for line, cells in self.records:
            if not any(cell.strip() for cell in cells):
                continue
            yield line, {key: cells[i].strip() if i < len(cells) else ""
                         for key, i in self.index.items()}


def read_table(text: str, columns: list[Column], *, required: tuple[str, ...] = (),
               file: str = "", hint: str = "") -> Table:
    """The table with its columns found; Unreadable when a required one is missing or two
    columns answer to the same name."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter_of(text))
    records = _numbered(reader, file)
    try:
        _first, header = next(records)
    except StopIteration:
        raise Unreadable(Problem(_("The file is empty."), file=file)) from None
    index, problems = {}, []
    by_name = {name: column for column in columns for name in column.names}
    for position, name in enumerate(header):
        column = by_name.get(fold(name))
        if column is None:
            continue
        if column.key in index:
            problems.append(Problem(
                _("Two columns hold the %(what)s: “%(first)s” and “%(second)s”.") % {
                    "what": column.label, "first": header[index[column.key]].strip(),
                    "second": name.strip()}, line=1, file=file))
        else:
            index[column.key] = position
    missing = [c.label for c in columns if c.key in required and c.key not in index]
    if missing:
        message = _("Missing columns: %(columns)s.") % {"columns": ", ".join(missing)}
        problems.append(Problem(f"{message} {hint}".strip(), line=1, file=file))
    if problems:
        raise Unreadable(*problems)
    return Table(file, [name.strip() for name in header], index, records)


def _numbered(reader, file: str) -> Iterator[tuple[int, list[str]]]:
    """Records with the line each starts on (a quoted cell may hold line breaks)."""
    line = 1
    try:
        for cells in reader:
            yield line, cells
            line = reader.line_num + 1
    except csv.Error as error:
        raise Unreadable(Problem(_("The file is not valid CSV here: %(error)s")
                                 % {"error": error}, line=line, file=file)) from None
