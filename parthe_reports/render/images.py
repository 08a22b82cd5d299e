"""An image for a document (chart or logo): PNG/JPEG bytes and its printed width."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ChartImage:
    """A drawn chart (PNG bytes) and its printed width; placed in the document as an image."""

    png: bytes
    width_cm: float = 16.0
