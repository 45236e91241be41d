"""The catalog database: derived from storage, rebuilt by ``hoso rebuild``."""
