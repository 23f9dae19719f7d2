"""rolecall benchmarks."""
