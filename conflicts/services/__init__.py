"""Writes to the extension's records; each change has exactly one service function."""
