"""Everything that writes .xlsx for clerks: blank and filled templates (``template``,
``cells``, ``fill``), dropdowns (``dropdowns``), the Anleitung (``guide``) and the annotated
copy of a checked workbook (``feedback``)."""
