"""parcellab_desk: a desktop order console for parcelLab's v4 track/orders API."""

__version__ = "0.1.0"
