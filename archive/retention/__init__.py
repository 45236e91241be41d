"""Retention: the schedule as data, which rule a record falls under, when it falls due."""
