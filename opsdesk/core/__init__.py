"""Everything that is not Qt: importable and testable with no display."""
