"""Build-time template authoring: the Word templates in ``templates/word`` are generated from
the document declarations (``templates``) with python-docx helpers (``docx``). Never used
while rendering a run."""
