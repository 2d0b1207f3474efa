import type { Field } from '../spec/schema.js';
import type { BuiltinSchedule } from '../node.js';
import { specFail } from '../spec/schema.js';
import { ChainableNode } from './chainable.js';

type LrLambda = (epoch: number) => number;

function lambdas(v: unknown, groups: number, path: string): LrLambda[] {
  if (typeof v === 'function') return Array.from({ length: groups }, () => v as LrLambda);
  const list = v as LrLambda[];
  if (list.length !== groups) specFail(path, `expected ${groups} functions (one per param group), got ${list.length}`);
  return list;
}

/** PyTorch LambdaLR: rate = base * lrLambda(epoch). Functions are not JSON: programmatic API only. */
class LambdaNode extends ChainableNode {
  fns: LrLambda[] = [];
  protected computeLr(lr: Float64Array): void {
    for (let i = 0; i < lr.length; i++) lr[i] = this.baseLrs[i]! * this.fns[i]!(this.lastEpoch);
  }
}

/** PyTorch MultiplicativeLR: rate *= lrLambda(epoch) from step 1 on. */
class MultiplicativeNode extends ChainableNode {
  fns: LrLambda[] = [];
  protected computeLr(lr: Float64Array): void {
    if (this.lastEpoch <= 0) return;
    for (let i = 0; i < lr.length; i++) lr[i] = lr[i]! * this.fns[i]!(this.lastEpoch);
  }
}

/** lambda's and multiplicative's option. */
export const lambdaFields = [
  { name: 'lrLambda', type: 'functionPerGroup', required: true, description: 'epoch => factor, or one per group' },
] as const satisfies readonly Field[];

/** lambda and multiplicative differ only in their node: both take one function (or one per group). */
function lambdaFamily(name: string, description: string, Node: typeof LambdaNode | typeof MultiplicativeNode): BuiltinSchedule {
  return {
    name,
    description,
    source: 'builtin',
    json: false,
    fields: lambdaFields,
    rateOptions: ['lrLambda'],
    interval: () => 'epoch',
    build(o, ctx, path) {
      const n = new Node(ctx.groups, {});
      n.fns = lambdas(o.lrLambda, ctx.groups.count, `${path}.lrLambda`);
      return n;
    },
  };
}

export const lambdaSchedule = lambdaFamily('lambda', 'PyTorch LambdaLR: rate = base * lrLambda(step) (programmatic API only)', LambdaNode);

export const multiplicativeSchedule = lambdaFamily(
  'multiplicative',
  'PyTorch MultiplicativeLR: rate *= lrLambda(step) each step (programmatic API only)',
  MultiplicativeNode,
);
