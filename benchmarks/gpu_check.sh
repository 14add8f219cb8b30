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
GPUFRAME_DEVICE=gpu $PY -m pytest -m gpu -q -p no:cacheprovider -o addopts="" tests 2>&1 | tee "$results/gpu-$date.tests.log"
tests_rc=${PIPESTATUS[0]}
GPUFRAME_DEVICE=gpu $PY -m benchmarks.run --device gpu --out "$results/gpu-$date.jsonl" ${BENCH_ARGS:-}
bench_rc=$?
echo "gpu tests rc=$tests_rc, benchmarks rc=$bench_rc"
exit $(( tests_rc != 0 || bench_rc != 0 ))
