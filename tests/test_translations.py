"""Every catalogue is complete: the project's strings are extracted afresh, as
`makemessages` does, and every one must have a translation (French today) that is not fuzzy.

The extraction runs on a copy of the sources in a temporary folder, so the real catalogue
is never touched. README, "Adding a language", says how to update the catalogue.
"""

import ast
import gettext
import re
import shutil
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.management import call_command

# Every language offered but the one the code is written in.
LANGUAGES = [code for code, _name in django_settings.LANGUAGES
             if code != django_settings.LANGUAGE_CODE]
EXTENSIONS = (".py", ".html", ".txt")
# Not shown to anyone: tests, the benchmark; static holds no Python or template strings.
NOT_SOURCES = {"tests", "bench", "locale", "static", "staticfiles", "media", "test-artifacts",
               "node_modules"}


def copy_sources(to: Path) -> None:
    """The project's Python files and templates, as they are laid out."""

    def ignore(folder: str, names: list[str]) -> set[str]:
        top = Path(folder) == django_settings.BASE_DIR
        return {name for name in names
                if name.startswith(".") or (top and name in NOT_SOURCES)
                or (Path(folder, name).is_file() and not name.endswith(EXTENSIONS))}

    shutil.copytree(django_settings.BASE_DIR, to, ignore=ignore)


def entries(po_file: Path) -> dict[tuple[str, str], dict]:
    """The catalogue's live entries by (context, msgid): their flags and translations."""
    found, entry, key = {}, None, None

    def finish():
        if entry and entry.get("msgid"):  # the header has an empty msgid
            found[(entry.get("msgctxt", ""), entry["msgid"])] = entry

    for line in po_file.read_text(encoding="utf-8").splitlines():
        if line.startswith("#~"):  # obsolete
            continue
        if not line.strip():
            finish()
            entry = None
            continue
        entry = entry if entry is not None else {"flags": set(), "msgstr": {}}
        if line.startswith("#,"):
            entry["flags"] |= {flag.strip() for flag in line[2:].split(",")}
        elif line.startswith("#"):
            continue
        elif line.startswith('"'):
            append(entry, key, ast.literal_eval(line))
        else:
            key, _, text = line.partition(" ")
            append(entry, key, ast.literal_eval(text), new=True)
    finish()
    return found


def append(entry: dict, key: str, text: str, new: bool = False) -> None:
    match = re.fullmatch(r"msgstr\[(\d+)\]|msgstr", key)
    if match:
        form = int(match.group(1) or 0)
        entry["msgstr"][form] = ("" if new else entry["msgstr"][form]) + text
    else:
        entry[key] = ("" if new else entry[key]) + text


def plural_count(po_file: Path) -> int:
    header = re.search(r"nplurals=(\d+)", po_file.read_text(encoding="utf-8"))
    return int(header.group(1))


def problems(fresh: dict, ours: dict, plurals: int) -> list[str]:
    found = []
    for key, entry in fresh.items():
        mine = ours.get(key)
        forms = plurals if "msgid_plural" in entry else 1
        if mine is None:
            found.append("missing")
        elif "fuzzy" in mine["flags"]:
            found.append("fuzzy")
        elif [i for i in range(forms) if not mine["msgstr"].get(i)]:
            found.append("empty")
        else:
            continue
        context = f" (context {key[0]!r})" if key[0] else ""
        found[-1] += f": {key[1]!r}{context}"
    return found


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_string_shown_has_a_translation(language, tmp_path, settings, monkeypatch):
    sources, extracted = tmp_path / "sources", tmp_path / "locale"
    copy_sources(sources)
    monkeypatch.chdir(sources)
    settings.LOCALE_PATHS = [extracted]
    call_command("makemessages", locale=[language], verbosity=0)
    catalogue = Path(django_settings.BASE_DIR, "locale", language, "LC_MESSAGES", "django.po")
    assert catalogue.exists(), f"No catalogue for {language}: see README, Adding a language."
    fresh = entries(extracted / language / "LC_MESSAGES" / "django.po")
    assert len(fresh) > 500  # the extraction found the project's strings
    found = problems(fresh, entries(catalogue), plural_count(catalogue))
    assert not found, (f"{len(found)} of {len(fresh)} strings lack a {language} translation "
                       "(see README, Adding a language):\n" + "\n".join(found))


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_compiled_catalogue_says_what_the_catalogue_says(language):
    """Django reads the compiled .mo file: `compilemessages` must have run after the last
    change to the .po file."""
    folder = Path(django_settings.BASE_DIR, "locale", language, "LC_MESSAGES")
    with open(folder / "django.mo", "rb") as compiled:
        catalogue = gettext.GNUTranslations(compiled)
    stale = []
    for (context, msgid), entry in entries(folder / "django.po").items():
        if "fuzzy" in entry["flags"]:
            continue
        if "msgid_plural" in entry:
            shown = [catalogue.ngettext(msgid, entry["msgid_plural"], n) for n in (1, 2)]
            wanted = [entry["msgstr"].get(0), entry["msgstr"].get(1)]
        elif context:
            shown, wanted = catalogue.pgettext(context, msgid), entry["msgstr"].get(0)
        else:
            shown, wanted = catalogue.gettext(msgid), entry["msgstr"].get(0)
        if wanted and shown != wanted:
            stale.append(msgid)
    assert not stale, f"Run `python manage.py compilemessages` ({len(stale)} stale entries)."
