"""make stack says what the machine lacks, and how to install it, before starting anything."""

import pytest

from deploy import stack


def test_a_missing_program_is_named_with_the_command_that_installs_it(tmp_path, monkeypatch):
    monkeypatch.setattr(stack, "REQUIRED_PROGRAMS", {"no-such-server": "/nonexistent/no-such-server"})
    with pytest.raises(stack.StackError, match=r"missing: no-such-server\. Install with: apt-get install"):
        stack.Stack(tmp_path / "stack").start()
    assert not (tmp_path / "stack").exists(), "nothing was started or written"
