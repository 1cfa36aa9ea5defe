"""The campaign's patterns per category, and the "try a text" box."""
