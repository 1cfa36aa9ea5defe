"""The load-and-fault run (``make load``, ``tests/load/run.py``); not part of the pytest suite."""
