"""Fixtures that start the sandbox server over loopback for client and UI tests."""
