#!/bin/bash
# The user's own path at the MLP's size: `lrkit train` on a CSV of 784 features, 10 classes and 5,120 rows,
# --hidden 512,512 --batch-size 256 (784-512-512-10, Adam), against PyTorch's
# ../shared/reference/tabular_torch.py with the same settings: training loop against training loop (lrkit's
# trainMs against its train_s), interleaved round by round, at matched threads. From the repository root
# after `pnpm build`; needs python3 with torch.
#   bash apps/bench/scripts/user-path-mlp.sh [rounds=5] [epochs=5] [threads=1]
# PyTorch gets the OpenBLAS kernels backend-native picks for this CPU (OPENBLAS_CORETYPE), so both sides
# run the same BLAS kernels (see results/2026-11-30-native-extra.md: Debian's OpenBLAS falls back to SSE3
# on a CPU model it does not recognise).
set -euo pipefail
rounds=${1:-5}
epochs=${2:-5}
threads=${3:-1}
csv=$(mktemp --suffix=.csv)
log=$(mktemp)
trap 'rm -f "$csv" "$log"' EXIT
if [ -z "${OPENBLAS_CORETYPE:-}" ]; then
  OPENBLAS_CORETYPE=$(node --input-type=module -e "console.log((await import('./packages/backend-native/dist/index.js')).recommendedOpenBlasCore() ?? '')")
  export OPENBLAS_CORETYPE
fi
# Seeded synthetic data: 784 uniform features, the class the argmax of a noisy linear map to 10 scores.
/usr/bin/python3 - "$csv" <<'PY'
import sys, numpy as np
rng = np.random.default_rng(7)
x = rng.uniform(-1, 1, size=(5120, 784)).astype(np.float32)
w = rng.normal(size=(784, 10))
y = np.argmax(x @ w + rng.normal(scale=2.0, size=(5120, 10)), axis=1)
with open(sys.argv[1], 'w') as f:
    f.write(','.join(f'f{i}' for i in range(784)) + ',y\n')
    for r in range(5120):
        f.write(','.join(f'{v:.5f}' for v in x[r]) + f',c{y[r]}\n')
PY
common=(--data "$csv" --target y --task classification --hidden 512,512 --batch-size 256 --epochs "$epochs")
field() { /usr/bin/python3 -c "import json,sys; d=json.load(sys.stdin); print(round(d['$1'] * $2), d.get('$3', d.get('testMetrics', {}).get('$3', '')))"; }
echo "OPENBLAS_CORETYPE=${OPENBLAS_CORETYPE:-unset}, threads ${threads}, epochs ${epochs}"
for i in $(seq "$rounds"); do
  n=$(node apps/cli/dist/index.js train "${common[@]}" --backend native --threads "$threads" --json 2>/dev/null | field trainMs 1 accuracy)
  w=$(node apps/cli/dist/index.js train "${common[@]}" --backend wasm --json 2>/dev/null | field trainMs 1 accuracy)
  t=$(/usr/bin/python3 ../shared/reference/tabular_torch.py --data "$csv" --target y --task classification --hidden 512,512 --batch 256 --epochs "$epochs" --threads "$threads" | field train_s 1000 accuracy)
  echo "round $i: lrkit native trainMs ${n% *} (accuracy ${n#* }), lrkit wasm trainMs ${w% *} (accuracy ${w#* }), pytorch train_s ${t% *} ms (accuracy ${t#* })" | tee -a "$log"
done
# Time ratios, > 1x: lrkit faster. Medians with [min..max] over the rounds.
/usr/bin/python3 - "$log" <<'PY'
import re, statistics, sys
rows = [list(map(int, re.findall(r'(?:trainMs|train_s) (\d+)', l))) for l in open(sys.argv[1])]
for name, col in (('native', 0), ('wasm', 1)):
    r = [row[2] / row[col] for row in rows]
    print(f'lrkit/{name} vs PyTorch: median {statistics.median(r):.2f}x [{min(r):.2f}..{max(r):.2f}]')
PY
uptime
