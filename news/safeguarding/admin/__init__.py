"""The safeguarding leads' side of the admin: cases, patterns with a "try a text" box, and the help messages'
counts."""
