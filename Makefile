# Two commands set everything up on a fresh machine:
#   make demo   -> creates .venv, installs gpuframe, runs the end-to-end pipeline
#   make test   -> creates .venv, installs the test extra, runs the whole suite
PYTHON ?= python3
VENV   ?= .venv
PY      = $(VENV)/bin/python
PIP     = $(PY) -m pip
STAMP_CORE = $(VENV)/.core-installed
STAMP_TEST = $(VENV)/.test-installed
PYTEST_ARGS ?=

.PHONY: demo test bench gpu-check lint typecheck clean

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PIP) install -q --upgrade pip

# The demo needs the ml extra; the gpu extra joins where an NVIDIA driver is present.
DEMO_EXTRAS := ml$(shell command -v nvidia-smi >/dev/null 2>&1 && echo ,gpu)

$(STAMP_CORE): pyproject.toml | $(PY)
	$(PIP) install -q -e ".[$(DEMO_EXTRAS)]"
	touch $@

$(STAMP_TEST): pyproject.toml | $(PY)
	$(PIP) install -q -e ".[test,torch]"
	touch $@ $(STAMP_CORE)

demo: $(STAMP_CORE)
	$(PY) examples/pipeline.py

test: $(STAMP_TEST)
	$(PY) -m pytest -n 2 --doctest-modules tests gpuframe interop ml dl $(PYTEST_ARGS)

lint: $(STAMP_TEST)
	$(PY) -m ruff check gpuframe interop ml dl tests benchmarks examples
	$(PY) -m ruff format --check gpuframe interop ml dl tests benchmarks examples
	$(PY) -m mypy

bench: $(STAMP_TEST)
	$(PY) -m benchmarks.run

# On a machine with a CUDA GPU: GPU tests + GPU benchmarks, results in benchmarks/results/.
# Uses the system python when it already has cupy (the lent GPU machines), else the venv + [gpu].
gpu-check:
	bash benchmarks/gpu_check.sh

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
