"""What the build writes besides the pages: BibTeX, the feed, JSON-LD, the PDF CV, the social cards."""
