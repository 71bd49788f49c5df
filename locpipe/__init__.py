"""locpipe: offline translation and localisation pipeline for newsrooms."""

__version__ = "0.1.0"
