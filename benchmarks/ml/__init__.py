"""ml benchmarks: our estimators against scikit-learn on the same data, in the same run."""
