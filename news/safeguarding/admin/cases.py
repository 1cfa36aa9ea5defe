"""The Safeguarding queue and the case screen, for the safeguarding leads only."""
