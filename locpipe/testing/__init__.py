"""Helpers for tests and benchmarks that ship with locpipe (never used by a normal run)."""
