"""Section modules of the review; each registers itself with ``registry.register``."""
