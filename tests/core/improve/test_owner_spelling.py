"""What an owner field stores: the directory's spelling of the person typed (name with
case and spacing forgiven, or e-mail), else the name as typed with its spacing tidied."""

from __future__ import annotations

import pytest

from opsdesk.core.errors import OpsdeskError
from opsdesk.core.improve.people import Directory, Person

DIRECTORY = Directory((Person("Maria Keller", "Operations", "CI lead", "maria@n.example"),
                       Person("Jon Berg"),  # no e-mail: an "@" never matches him
                       Person("Aisha Rahman", email="Aisha.Rahman@N.example")))


@pytest.mark.parametrize(("typed", "stored"), [
    ("Maria Keller", "Maria Keller"),
    ("  maria   KELLER ", "Maria Keller"),
    ("MARIA@n.example", "Maria Keller"),
    (" aisha.rahman@n.example ", "Aisha Rahman"),
    ("Ines  Costa ", "Ines Costa"),          # a client's name: kept, spacing tidied
    ("jon@n.example", "jon@n.example"),      # nobody has that address
    ("", ""),
])
def test_spelling(typed: str, stored: str) -> None:
    assert DIRECTORY.spelling(typed) == stored


def test_resolve_finds_an_email_and_still_refuses_a_stranger() -> None:
    assert DIRECTORY.resolve("maria@N.EXAMPLE") == "Maria Keller"
    with pytest.raises(OpsdeskError, match="No one called 'Ines Costa'"):
        DIRECTORY.resolve("Ines Costa")
