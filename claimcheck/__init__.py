"""claimcheck: find and explain how sources drift when they tell the same story."""

__version__ = "0.1.0"
