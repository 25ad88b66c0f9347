"""Scale data: realistic annotated coverage written in bulk, for benchmarks at 1k-100k articles."""
