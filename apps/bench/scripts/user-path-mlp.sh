#!/bin/bash
# The user's own path at the MLP's size: `lrkit train` on a CSV of 784 features (5,120 rows, a binary target:
# lrkit train takes two classes today), --hidden 512,512 --batch-size 256, against PyTorch's
# ../shared/reference/tabular_torch.py with the same settings: training loop against training loop (lrkit's
# trainMs against its train_s), interleaved round by round, one thread each. From the repository root after
# `pnpm build`; needs python3 with torch.
set -euo pipefail
rounds=${1:-3}
epochs=${2:-5}
csv=$(mktemp --suffix=.csv)
trap 'rm -f "$csv"' EXIT
# Seeded synthetic data: 784 uniform features, the label a noisy linear threshold.
/usr/bin/python3 - "$csv" <<'PY'
import sys, numpy as np
rng = np.random.default_rng(7)
x = rng.uniform(-1, 1, size=(5120, 784)).astype(np.float32)
w = rng.normal(size=784)
y = ((x @ w + rng.normal(scale=2.0, size=5120)) > 0).astype(int)
with open(sys.argv[1], 'w') as f:
    f.write(','.join(f'f{i}' for i in range(784)) + ',y\n')
    for r in range(5120):
        f.write(','.join(f'{v:.5f}' for v in x[r]) + f',{y[r]}\n')
PY
common=(--data "$csv" --target y --hidden 512,512 --batch-size 256 --epochs "$epochs")
for i in $(seq "$rounds"); do
  n=$(node apps/cli/dist/index.js train "${common[@]}" --backend native --threads 1 --json 2>/dev/null | /usr/bin/python3 -c 'import json,sys; print(round(json.load(sys.stdin)["trainMs"]))')
  w=$(node apps/cli/dist/index.js train "${common[@]}" --backend wasm --json 2>/dev/null | /usr/bin/python3 -c 'import json,sys; print(round(json.load(sys.stdin)["trainMs"]))')
  t=$(/usr/bin/python3 ../shared/reference/tabular_torch.py --data "$csv" --target y --task classification --hidden 512,512 --batch 256 --epochs "$epochs" --threads 1 | /usr/bin/python3 -c 'import json,sys; print(round(json.load(sys.stdin)["train_s"] * 1000))')
  echo "round $i: lrkit native trainMs ${n}, lrkit wasm trainMs ${w}, pytorch train_s ${t} ms"
done
uptime
