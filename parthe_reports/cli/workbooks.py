"""Commands around the input workbooks: blank templates and example data."""

from __future__ import annotations
