"""The project's folder for what one build keeps for the next (git ignores it): rendered files, passed checks."""

CACHE_FOLDER = ".cache"
