"""Search deterrence: searches that match the campaign's list show its deterrence message first, unlogged."""
