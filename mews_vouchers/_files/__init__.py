"""Files as people make them, read and written.

CSV (encodings, delimiters), workbooks, dates in a timezone, the import file's rows, and exports written beside
their target and renamed when complete.
"""
