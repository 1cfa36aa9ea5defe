"""The performance benchmark of issue 6 (``make bench``): see bench/README.md."""
