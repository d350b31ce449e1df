"""The stand-in's ``cryptography.hazmat.primitives``."""
