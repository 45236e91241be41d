"""The framework under every area: app factory, configuration, errors, languages, sign-in,
request safety, presentation helpers, and what a view needs from the app."""
