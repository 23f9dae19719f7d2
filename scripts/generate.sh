#!/usr/bin/env bash
# The one writer of generated/: Python stubs (_pb2.py, _pb2.pyi, _pb2_grpc.py) and the
# descriptor set Envoy loads. `make check` runs it and fails if git sees a difference.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-.venv/bin/python}

mapfile -t PROTOS < <(cd protos && find rolecall -name '*.proto' | LC_ALL=C sort)

rm -rf generated/rolecall generated/rolecall.pb
mkdir -p generated
"$PY" -m grpc_tools.protoc -I protos -I third_party \
  --python_out=generated --pyi_out=generated --grpc_python_out=generated \
  "${PROTOS[@]}"
"$PY" -m grpc_tools.protoc -I protos -I third_party \
  --include_imports --include_source_info \
  --descriptor_set_out=generated/rolecall.pb \
  "${PROTOS[@]}"
