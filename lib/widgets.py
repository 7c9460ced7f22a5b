"""Date and time inputs that exchange ISO values with the browser, whatever the language.

A browser's `<input type="date">` accepts and sends only ISO values (`2026-11-26`) and shows
them in its own locale. Django would otherwise fill the input in the page's locale
(`26/11/2026` in French), which the browser rejects and shows empty, so saving the form
would erase the date. Every form with a date or time uses these widgets; the fields accept
ISO input in every locale.
"""

from django import forms

ISO_DATE = "%Y-%m-%d"
ISO_TIME = "%H:%M"


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs: dict | None = None):
        super().__init__(attrs, format=ISO_DATE)


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, attrs: dict | None = None):
        super().__init__(attrs, format=ISO_TIME)

