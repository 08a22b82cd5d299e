"""parthe-reports: Excel workbooks of the Partheland municipalities in, Word deliverables out.

The package is the pure core (schema, reading, validation, consolidation, rendering);
Prefect orchestration lives in the top-level ``flows`` package and is never imported here.
"""

__version__ = "0.1.0"
