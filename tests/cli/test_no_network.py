"""No network, ever: the suite's guard refuses every socket connect, here and in children."""

from __future__ import annotations

import socket
import subprocess
import sys

import pytest


def test_a_connect_in_the_test_process_is_refused() -> None:
    with pytest.raises(PermissionError, match="allows no network connection"):
        socket.create_connection(("127.0.0.1", 9), timeout=1)
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as udp, pytest.raises(
        PermissionError, match="allows no network"
    ):
        udp.sendto(b"x", ("127.0.0.1", 9))


def test_a_connect_in_a_child_python_is_refused() -> None:
    # The CLI tests run the real entry point as a child process: it is guarded too.
    code = "import socket; socket.create_connection(('127.0.0.1', 9), timeout=1)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 1
    assert "allows no network connection" in result.stderr, result.stderr
