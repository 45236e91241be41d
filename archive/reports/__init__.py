"""Award statistics read off the archived decisions: levels, the yearly table, charts, files."""
