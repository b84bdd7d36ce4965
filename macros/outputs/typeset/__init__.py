"""What Typst typesets from data/: the PDF CV and the social cards, in the site's colours."""
