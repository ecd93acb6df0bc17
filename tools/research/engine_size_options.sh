#!/usr/bin/env bash
# How far the engine's .wasm is from its 150 KiB (gzip -9) budget, and what some ways back would
# save: relinks the browser engine from build/wasm's objects with other link settings (the
# compiled code stays -O3), and prints each size beside the comment analysis's own engine.
# Needs a built build/wasm (scripts/build --wasm-only). Usage: tools/research/engine_size_options.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
export NODE_PATH=/usr/share/nodejs
obj=build/wasm/CMakeFiles/fakemeter_engine_web.dir
[ -f "$obj/objects1" ] || { echo "build/wasm is not built: run scripts/build --wasm-only" >&2; exit 2; }
out=$(mktemp -d)
link_flags=(--bind -sMODULARIZE=1 -sEXPORT_NAME=createFakemeterEngine -sDYNAMIC_EXECUTION=0 -sFILESYSTEM=0
  -sALLOW_MEMORY_GROWTH=1 -sINITIAL_MEMORY=16MB -sMAXIMUM_MEMORY=256MB -sABORTING_MALLOC=0
  -sINCOMING_MODULE_JS_API=wasmBinary,instantiateWasm,locateFile,print,printErr,onAbort -sENVIRONMENT=web,worker
  -sEXPORT_ES6=1)
gz() { gzip -9 -c "$1" | wc -c; }
row() { printf '%-58s %8s bytes  %6.1f KiB\n' "$1" "$2" "$(echo "$2 / 1024" | bc -l)"; }
link() {  # link NAME BINDINGS_OBJECT FLAGS...
  local name=$1 bindings=$2; shift 2
  (cd build/wasm && em++ "${link_flags[@]}" "$@" "$bindings" -o "$out/$name.mjs" libfm_engine.a)
  gz "$out/$name.wasm"
}
row "as built (build/wasm/web, -O3 link)" "$(gz build/wasm/web/fakemeter_engine.wasm)"
row "-Oz link (binaryen size passes; code compiled -O3)" "$(link oz "$(cat "$obj/objects1")" -O3 -Oz)"
row "-Oz link and emmalloc" "$(link ozem "$(cat "$obj/objects1")" -O3 -Oz -sMALLOC=emmalloc)"
row "the comment analysis's own engine (build/wasm/web, loaded on demand)" "$(gz build/wasm/web/fakemeter_comments.wasm)"
row "budget" 153600
rm -rf "$out"
