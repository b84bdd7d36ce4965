"""How a paper is cited: BibTeX, CSL-JSON, RIS and the formatted references of the CSL styles."""
