#!/usr/bin/env bash
# `make gpu-check`: on a machine with a CUDA GPU, run the GPU tests and the GPU benchmarks
# and write benchmarks/results/gpu-<date>.jsonl (+ .md, + the test log).
#
# Uses the system python3 when it already has cupy (the lent GPU machines), else .venv with
# the [gpu,test] extras. Wheels missing there (dask, array-api-compat, ...) travel in .whl/
# (see benchmarks/NOTES.md) and are installed into /tmp/site first.
set -uo pipefail
cd "$(dirname "$0")/.."
date=$(date +%F)
results=benchmarks/results
mkdir -p "$results"
if python3 -c "import cupy" 2>/dev/null; then
  PY=python3
else
  make .venv/bin/python >/dev/null && .venv/bin/pip install -q -e ".[gpu,test]" && PY=.venv/bin/python
fi
if [ -d .whl ] && ls .whl/*.whl >/dev/null 2>&1; then
  $PY -m pip install -q --no-index --no-deps --no-compile --no-cache-dir --upgrade --target /tmp/site .whl/*.whl
  export PYTHONPATH=/tmp/site:${PYTHONPATH:-}
fi
export PYTHONPATH=$PWD:${PYTHONPATH:-}
nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv,noheader | tee "$results/gpu-$date.device.txt"
# Each phase has a time cap so that the whole check fits one 15-minute device lease (~7 min).
# 1. the GPU-marked tests
GPUFRAME_DEVICE=gpu timeout 150 $PY -m pytest -m gpu -q -p no:cacheprovider -o addopts="" -n 8 -rfE tests 2>&1 | tee "$results/gpu-$date.tests.log"
tests_rc=${PIPESTATUS[0]}
# 2. the whole frame suite with the GPU as the default device (CPU-only tests pin the CPU)
GPUFRAME_DEVICE=gpu timeout 150 $PY -m pytest -q -p no:cacheprovider -o addopts="" -n 12 -rfE tests/gpuframe > "$results/gpu-$date.suite-on-gpu.log" 2>&1
suite_rc=$?
tail -3 "$results/gpu-$date.suite-on-gpu.log"
# 3. benchmarks: frame operations at 1e7 (-> results/frame-gpu-1e7.md), kernels + db at 1e6
GPUFRAME_DEVICE=gpu timeout 200 $PY -m benchmarks.frame.suite --n 1e7 --device gpu --repeats 1
frame_rc=$?
GPUFRAME_DEVICE=gpu timeout 100 $PY -m benchmarks.run --device gpu --suites kernels,db --quick --out "$results/gpu-$date.jsonl" ${BENCH_ARGS:-}
bench_rc=$?
echo "gpu tests rc=$tests_rc, suite on gpu rc=$suite_rc, frame bench rc=$frame_rc, benchmarks rc=$bench_rc"
exit $(( tests_rc != 0 || suite_rc != 0 || frame_rc != 0 || bench_rc != 0 ))
