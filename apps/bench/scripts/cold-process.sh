#!/bin/bash
# The seed job as a whole cold process (start-up, data, training, metrics): `lrkit train` on its default
# backend (native where built), on wasm, and PyTorch's reference script, interleaved round by round.
# Run from the repository root after `pnpm build`; needs ../shared/reference/seed_torch.py and python3-torch.
set -euo pipefail
rounds=${1:-5}
ms() { local s; s=$(date +%s%N); "$@" > /dev/null 2>&1; echo $(( ($(date +%s%N) - s) / 1000000 )); }
for i in $(seq "$rounds"); do
  n=$(ms node apps/cli/dist/index.js train --threads 1)
  w=$(ms node apps/cli/dist/index.js train --backend wasm)
  t=$(ms /usr/bin/python3 ../shared/reference/seed_torch.py --threads 1 --quiet)
  echo "round $i: lrkit native ${n} ms, lrkit wasm ${w} ms, pytorch ${t} ms"
done
uptime
