"""Developer tools: item proofs, synthetic classes, the demo semester, the benchmark."""
