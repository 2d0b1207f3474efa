import { ClosedFormNode } from '../closed-form.js';
import { ScheduleSpecError } from '../errors.js';
import { expectObject } from '../groups.js';
import type { BuiltinSchedule } from '../node.js';
import { parseFields } from '../spec/schema.js';

/**
 * Where a spec or a saved state still means PyTorch's ConstantLR by `constant`: lrkit's `constant` is the
 * rate as given, and ConstantLR moved to `constant-factor`.
 */
const MOVED = "'constant' is a constant rate; PyTorch's ConstantLR (factor for totalIters steps) is now 'constant-factor'";

/** The rate held. It refuses a ConstantLR state (saved when `constant` was ConstantLR) rather than resume it as something else. */
class ConstantNode extends ClosedFormNode {
  override load(state: unknown, path: string): void {
    const s = expectObject(state, path);
    if (!Object.hasOwn(s, 'k') && Object.hasOwn(s, 'lastEpoch'))
      throw new ScheduleSpecError(path, `is a ConstantLR state: ${MOVED}; rename the type to 'constant-factor' to resume it`);
    super.load(state, path);
  }
}

/** `constant`: the optimizer's rate, unchanged, every step. */
export const constantSchedule: BuiltinSchedule = {
  name: 'constant',
  description: "the rate as given, every step (PyTorch's ConstantLR is 'constant-factor')",
  source: 'builtin',
  json: true,
  fields: [],
  parse(raw, path, pending) {
    for (const key of ['factor', 'totalIters']) if (Object.hasOwn(raw, key)) throw new ScheduleSpecError(`${path}.${key}`, `${MOVED}: write {"type": "constant-factor", ...}`);
    return parseFields(raw, [], path, () => undefined, [], pending);
  },
  interval: () => 'epoch',
  build(_o, ctx) {
    return new ConstantNode(ctx.groups, (base) => ({ fill: (_k, _m, out) => out.set(base) }));
  },
};
