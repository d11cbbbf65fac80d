"""Code shared by the edition's MkDocs hooks.

Hook files are loaded by path (MkDocs puts their folder on ``sys.path`` while it loads them),
so each hook imports what it shares from this package; tests import it the same way
(``pythonpath = ["hooks"]`` in pyproject.toml).
"""
