"""dl benchmarks: training an MLP with ``dl`` (traced) against torch (and TensorFlow)."""
