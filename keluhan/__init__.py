"""keluhan: register keluhan pelanggan menurut SOP 5.1.11/BBSPJIKFK/2025."""

__version__ = "0.1.0"
