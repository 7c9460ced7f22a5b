"""Pages without a COUNT(*): fetch one row more than shown to know whether a next page exists.

An exact count on a large table costs more than the page itself, and nobody needs
"page 3 of 8,112" to read the newest stories.
"""

from dataclasses import dataclass

MAX_PAGE = 400  # deeper than anyone reads; bounds the OFFSET


@dataclass
class Window:
    object_list: list
    number: int
    has_next: bool

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def has_other_pages(self) -> bool:
        return self.has_next or self.has_previous

    @property
    def next_page_number(self) -> int:
        return self.number + 1

    @property
    def previous_page_number(self) -> int:
        return self.number - 1


def page_number(page: str | None) -> int:
    number = int(page) if page and page.isdigit() else 1
    return min(max(number, 1), MAX_PAGE)


def window(queryset, page: str | None, per_page: int = 25) -> Window:
    number = page_number(page)
    start = (number - 1) * per_page
    rows = list(queryset[start:start + per_page + 1])
    return Window(rows[:per_page], number, len(rows) > per_page)
