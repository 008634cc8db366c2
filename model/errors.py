"""The one error a user sees: ``actor-stance: error: <file>: <what is wrong>``."""
from __future__ import annotations


class InputError(Exception):
    """A problem with something the user gave us (a file, a flag, a model directory)."""

    def __init__(self, source, message: str):
        self.source = str(source)
        self.message = message
        super().__init__(f"{self.source}: {message}")
