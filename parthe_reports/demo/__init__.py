"""The example region (Beispieldaten) and synthetic regions for tests and benchmarks:
``data`` writes the workbooks, ``content`` holds the example texts, ``regional`` the
Verbund-Workbook's rows."""
