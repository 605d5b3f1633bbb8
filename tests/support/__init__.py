"""What test modules share: paths, the fake clock, test identities, arrange helpers.

Test modules import from here (never from each other, nor from conftest.py).
"""
