"""The one timing loop of the benchmarks: candidates interleaved, the median round kept."""

import statistics
import time


def interleaved(candidates: dict, repeats: int, number: int) -> dict[str, float]:
    """Median seconds per call of each candidate, measured in turns so drift hits all."""
    samples = {name: [] for name in candidates}
    for _ in range(repeats):
        for name, fn in candidates.items():
            start = time.perf_counter()
            for _ in range(number):
                fn()
            samples[name].append((time.perf_counter() - start) / number)
    return {name: statistics.median(values) for name, values in samples.items()}
