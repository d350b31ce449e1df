"""The stand-in's ``cryptography.hazmat`` (see the package docstring)."""
