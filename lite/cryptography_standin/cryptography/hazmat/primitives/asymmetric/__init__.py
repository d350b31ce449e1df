"""The stand-in's ``asymmetric``: ``ed25519``, ``rsa``, ``padding`` (and ``ec``, refused)."""
