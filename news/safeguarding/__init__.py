"""Safeguarding: disclosures never go public, personal details are caught, people at risk are shown help.

The comment services call this package (the check, opening a case); it never imports the discussion.
"""
