"""The ``newsitem`` command: ``convert``, ``validate``, ``inspect`` and ``formats``."""

from newsitem.cli.main import main

__all__ = ["main"]
