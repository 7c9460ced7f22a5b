"""Fixtures of the e-mail tests: the forum of the named people (shared with tests/forums); the fault
table the fault tests fill (fault_setup.py) is printed at the end of the run."""

from tests.forums.conftest import forum  # noqa: F401 - the shared forum of the named people
from tests.mail import fault_setup


def pytest_terminal_summary(terminalreporter):
    if fault_setup.ROWS:
        fault_setup.write_table()
        terminalreporter.section("e-mail faults (test-artifacts/mail-faults.md)")
        terminalreporter.write_line(fault_setup.table())
