"""Actions on behalf of a person: each takes the acting user, checks the role's
permission, hides what the role may not see, and writes the audit event.

``archive/service.py`` holds the record actions the web has used from the start;
these modules hold the rest, area by area. Views, API routes and CLI commands call
them and only translate input and output.
"""
