"""Reading data/*.yml and checking it: YAML with line numbers, the schemas, cross-file checks, dates."""
