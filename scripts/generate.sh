#!/usr/bin/env bash
# The one writer of generated/: Python stubs (_pb2.py, _pb2.pyi, _pb2_grpc.py), the descriptor
# set Envoy and Node clients load, and TypeScript types (generated/ts). `make check` runs it and
# fails if git sees a difference.
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

# etcd's v3 wire API (our minimal mirror under third_party/etcd) for the etcd store: Python stubs
# only, kept out of rolecall.pb (Envoy transcodes that set) and out of the TypeScript types.
mapfile -t ETCD_PROTOS < <(cd third_party && find etcd -name '*.proto' | LC_ALL=C sort)
rm -rf generated/etcd
"$PY" -m grpc_tools.protoc -I third_party \
  --python_out=generated --pyi_out=generated --grpc_python_out=generated \
  "${ETCD_PROTOS[@]}"

# TypeScript types for Node clients on @grpc/grpc-js + @grpc/proto-loader, from the same protos.
# The tool comes pinned from clients/node/package-lock.json (`npm ci --prefix clients/node`). At run
# time a client loads generated/rolecall.pb with proto-loader; its load options must match these
# flags (see LOAD_OPTIONS in clients/node/heartbeat.js), or the types describe other objects.
GEN_TYPES=clients/node/node_modules/.bin/proto-loader-gen-types
if [[ ! -x $GEN_TYPES ]]; then
  echo "generate.sh: $GEN_TYPES is missing: run npm ci --prefix clients/node (make install)" >&2
  exit 1
fi
rm -rf generated/ts
"$GEN_TYPES" --keepCase --longs=String --enums=Number --defaults --oneofs --includeComments \
  --grpcLib=@grpc/grpc-js -I protos -I third_party -O generated/ts "${PROTOS[@]}"
