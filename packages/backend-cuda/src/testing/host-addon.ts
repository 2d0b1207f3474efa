// A test double of the native addon that keeps "device" memory in host ArrayBuffers and runs each kernel as
// a plain loop with the same semantics as native/kernels.cu. It lets the TypeScript half of the backend
// (storage and reference counts, shape and stride logic, dispatch, every kernel's glue) be tested against
// tfjs's cpu backend on machines without a GPU. It proves nothing about the CUDA code itself: that is what
// the same tests do with the real addon on a GPU. Not exported from the package.
import { Binary, DT_F32, Reduce, Unary } from '../native/codes';
import type { CudaAddon, CudaProbe } from '../types';

type Buf = { f: Float32Array; i: Int32Array };

function unaryF(op: number, x: number, alpha: number, beta: number): number {
  switch (op) {
    case Unary.identity: return x;
    case Unary.neg: return -x;
    case Unary.abs: return Math.abs(x);
    case Unary.exp: return Math.exp(x);
    case Unary.log: return Math.log(x);
    case Unary.log1p: return Math.log1p(x);
    case Unary.sqrt: return Math.sqrt(x);
    case Unary.rsqrt: return 1 / Math.sqrt(x);
    case Unary.square: return x * x;
    case Unary.relu: return x > 0 ? x : 0;
    case Unary.relu6: return Math.min(Math.max(x, 0), 6);
    case Unary.sigmoid: return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
    case Unary.step: return Number.isNaN(x) ? x : x > 0 ? 1 : alpha;
    case Unary.tanh: return Math.tanh(x);
    case Unary.elu: return x >= 0 ? x : Math.expm1(x);
    case Unary.leakyRelu: return x >= 0 ? x : alpha * x;
    case Unary.softplus: return x > 20 ? x : x < -20 ? Math.exp(x) : Math.log1p(Math.exp(x));
    case Unary.reciprocal: return 1 / x;
    case Unary.floor: return Math.floor(x);
    case Unary.ceil: return Math.ceil(x);
    case Unary.round: {
      const r = Math.round(x);
      return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;  // half to even, as rintf
    }
    case Unary.sign: return x > 0 ? 1 : x < 0 ? -1 : 0;
    case Unary.sin: return Math.sin(x);
    case Unary.cos: return Math.cos(x);
    case Unary.clip: return Number.isNaN(x) ? x : Math.min(Math.max(x, alpha), beta);
    case Unary.logicalNot: return x === 0 ? 1 : 0;
    case Unary.expm1: return Math.expm1(x);
    case Unary.selu: {
      const scale = 1.0507009873554804934193349852946, a = 1.6732632423543772848170429916717;
      return x >= 0 ? scale * x : scale * a * Math.expm1(x);
    }
    default: return x;
  }
}

function unaryI(op: number, x: number, alpha: number, beta: number): number {
  switch (op) {
    case Unary.neg: return -x;
    case Unary.abs: return Math.abs(x);
    case Unary.square: return Math.imul(x, x);
    case Unary.relu: return x > 0 ? x : 0;
    case Unary.sign: return Math.sign(x);
    case Unary.logicalNot: return x === 0 ? 1 : 0;
    case Unary.clip: return x < Math.trunc(alpha) ? Math.trunc(alpha) : x > Math.trunc(beta) ? Math.trunc(beta) : x;
    default: return x;
  }
}

function arith(op: number, a: number, b: number, isInt: boolean): number {
  switch (op) {
    case Binary.add: return a + b;
    case Binary.sub: return a - b;
    case Binary.mul: return a * b;
    case Binary.div: return isInt ? Math.floor(a / b) : a / b;
    case Binary.max: return Number.isNaN(a) || Number.isNaN(b) ? NaN : Math.max(a, b);
    case Binary.min: return Number.isNaN(a) || Number.isNaN(b) ? NaN : Math.min(a, b);
    case Binary.pow: return Math.pow(a, b);
    case Binary.squaredDiff: return (a - b) * (a - b);
    case Binary.floorDiv: return Math.floor(a / b);
    case Binary.mod: {
      if (isInt && b === 0) return 0;
      const r = a % b;
      return r !== 0 && r < 0 !== b < 0 ? r + b : r;
    }
    case Binary.prelu: return a < 0 ? b * a : a;
    case Binary.divNoNan: return b === 0 ? 0 : isInt ? Math.floor(a / b) : a / b;
    case Binary.greater: return Number(a > b);
    case Binary.greaterEqual: return Number(a >= b);
    case Binary.less: return Number(a < b);
    case Binary.lessEqual: return Number(a <= b);
    case Binary.equal: return Number(a === b);
    case Binary.notEqual: return Number(a !== b);
    case Binary.logicalAnd: return Number(a !== 0 && b !== 0);
    case Binary.logicalOr: return Number(a !== 0 || b !== 0);
    default: return a;
  }
}

export class HostAddon implements CudaAddon {
  private readonly mem = new Map<number, Buf>();
  private next = 4096;
  /** Live allocations, for leak checks in tests. */
  get liveAllocations(): number {
    return this.mem.size;
  }

  private buf(ptr: number): Buf {
    const b = this.mem.get(ptr);
    if (!b) throw new Error(`host addon: ${ptr} is not a live allocation`);
    return b;
  }
  private arr(ptr: number, dtype: number): Float32Array | Int32Array {
    const b = this.buf(ptr);
    return dtype === DT_F32 ? b.f : b.i;
  }

  probe(): CudaProbe {
    return { runtimeVersion: 0, driver: true, deviceCount: 1, deviceName: 'host emulation' };
  }
  init(): void {}
  loadCublas(): string | null {
    return 'the host emulation has no cuBLAS';
  }
  alloc(bytes: number): number {
    if (bytes <= 0) return 0;
    const ab = new ArrayBuffer(bytes);
    const ptr = this.next;
    this.next += bytes + 4096;
    this.mem.set(ptr, { f: new Float32Array(ab), i: new Int32Array(ab) });
    return ptr;
  }
  free(ptr: number): void {
    if (!ptr) return;
    if (!this.mem.delete(ptr)) throw new Error(`host addon: double free of ${ptr}`);
  }
  upload(ptr: number, values: ArrayBufferView): void {
    new Uint8Array(this.buf(ptr).f.buffer).set(new Uint8Array(values.buffer, values.byteOffset, values.byteLength));
  }
  download(ptr: number, into: ArrayBufferView): void {
    new Uint8Array(into.buffer, into.byteOffset, into.byteLength).set(new Uint8Array(this.buf(ptr).f.buffer, 0, into.byteLength));
  }
  synchronize(): void {}
  memInfo(): { free: number; total: number } {
    return { free: 0, total: 0 };
  }
  fill(dtype: number, out: number, n: number, value: number): void {
    if (n > 0) this.arr(out, dtype).fill(value, 0, n);
  }
  unary(op: number, dtype: number, x: number, out: number, n: number, alpha: number, beta: number): void {
    if (n <= 0) return;
    const xs = this.arr(x, dtype);
    const o = this.arr(out, dtype);
    for (let i = 0; i < n; i++) o[i] = dtype === DT_F32 ? unaryF(op, xs[i]!, alpha, beta) : unaryI(op, xs[i]!, alpha, beta);
  }
  binary(op: number, dtypeIn: number, a: number, b: number, out: number, n: number, meta: Int32Array): void {
    if (n <= 0) return;
    const rank = meta[0]!;
    const A = this.arr(a, dtypeIn);
    const B = this.arr(b, dtypeIn);
    const compare = op >= Binary.greater && op <= Binary.logicalOr;
    const O = compare ? this.buf(out).i : this.arr(out, dtypeIn);
    for (let i = 0; i < n; i++) {
      let rest = i, ia = 0, ib = 0;
      for (let d = rank - 1; d >= 0; d--) {
        const c = rest % meta[1 + d]!;
        rest = Math.floor(rest / meta[1 + d]!);
        ia += c * meta[1 + rank + d]!;
        ib += c * meta[1 + 2 * rank + d]!;
      }
      O[i] = arith(op, A[ia]!, B[ib]!, dtypeIn !== DT_F32);
    }
  }
  cast(from: number, to: number, toBool: number, x: number, out: number, n: number): void {
    const X = this.arr(x, from);
    const O = this.arr(out, to);
    for (let i = 0; i < n; i++) O[i] = toBool ? Number(X[i] !== 0) : to === DT_F32 ? X[i]! : Math.trunc(X[i]!);
  }
  copy(input: number, out: number, n: number, meta: Int32Array): void {
    const rank = meta[0]!;
    const X = this.buf(input).i;
    const O = this.buf(out).i;
    for (let i = 0; i < n; i++) {
      let rest = i, src = meta[1 + 3 * rank]!, dst = meta[2 + 3 * rank]!;
      for (let d = rank - 1; d >= 0; d--) {
        const c = rest % meta[1 + d]!;
        rest = Math.floor(rest / meta[1 + d]!);
        src += c * meta[1 + rank + d]!;
        dst += c * meta[1 + 2 * rank + d]!;
      }
      if (src < 0 || src >= X.length || dst < 0 || dst >= O.length) {
        throw new Error(`host addon: copy out of bounds (src ${src} of ${X.length}, dst ${dst} of ${O.length})`);
      }
      O[dst] = X[src]!;
    }
  }
  reduce(op: number, dtype: number, x: number, out: number, outer: number, reduce: number, inner: number): void {
    const X = this.arr(x, dtype);
    const arg = op === Reduce.argMax || op === Reduce.argMin;
    const O = arg ? this.buf(out).i : this.arr(out, dtype);
    for (let o = 0; o < outer; o++) {
      for (let ii = 0; ii < inner; ii++) {
        let v = op === Reduce.max || op === Reduce.argMax ? -Infinity : op === Reduce.min || op === Reduce.argMin ? Infinity : op === Reduce.prod || op === Reduce.all ? 1 : 0;
        let idx = -1;
        for (let r = 0; r < reduce; r++) {
          const e = X[(o * reduce + r) * inner + ii]!;
          if (op === Reduce.sum || op === Reduce.mean) v += e;
          else if (op === Reduce.prod) v *= e;
          else if (op === Reduce.max) v = Number.isNaN(v) || Number.isNaN(e) ? NaN : Math.max(v, e);
          else if (op === Reduce.min) v = Number.isNaN(v) || Number.isNaN(e) ? NaN : Math.min(v, e);
          else if (op === Reduce.any) v = Number(v !== 0 || e !== 0);
          else if (op === Reduce.all) v = Number(v !== 0 && e !== 0);
          else if (op === Reduce.argMax && (idx < 0 || e > v)) [v, idx] = [e, r];
          else if (op === Reduce.argMin && (idx < 0 || e < v)) [v, idx] = [e, r];
        }
        const at = o * inner + ii;
        O[at] = arg ? Math.max(idx, 0) : op === Reduce.mean ? v / reduce : v;
      }
    }
  }
  gather(x: number, indices: number, out: number, outer: number, axisDim: number, inner: number, nIdx: number): void {
    const X = this.buf(x).i;
    const I = this.buf(indices).i;
    const O = this.buf(out).i;
    for (let o = 0; o < outer; o++)
      for (let j = 0; j < nIdx; j++)
        for (let ii = 0; ii < inner; ii++) {
          const k = I[j]!;
          O[(o * nIdx + j) * inner + ii] = k >= 0 && k < axisDim ? X[(o * axisDim + k) * inner + ii]! : 0;
        }
  }
  select(cond: number, a: number, b: number, out: number, n: number): void {
    const C = this.buf(cond).i;
    const A = this.buf(a).i;
    const B = this.buf(b).i;
    const O = this.buf(out).i;
    for (let i = 0; i < n; i++) O[i] = C[i] ? A[i]! : B[i]!;
  }
  oneHot(indices: number, out: number, n: number, depth: number, on: number, off: number): void {
    const I = this.buf(indices).i;
    const O = this.buf(out).f;
    for (let i = 0; i < n * depth; i++) O[i] = I[Math.floor(i / depth)] === i % depth ? on : off;
  }
  softmax(x: number, out: number, rows: number, cols: number, log: number): void {
    const X = this.buf(x).f;
    const O = this.buf(out).f;
    for (let r = 0; r < rows; r++) {
      let m = -Infinity;
      for (let c = 0; c < cols; c++) m = Math.max(m, X[r * cols + c]!);
      let s = 0;
      for (let c = 0; c < cols; c++) s += Math.exp(X[r * cols + c]! - m);
      for (let c = 0; c < cols; c++) {
        const v = X[r * cols + c]!;
        O[r * cols + c] = log ? v - m - Math.log(s) : Math.exp(v - m) / s;
      }
    }
  }
  gemm(a: number, b: number, bias: number, c: number, meta: Int32Array, alpha: number): void {
    const [batch, M, N, K, transA, transB, strideA, strideB, act] = Array.from(meta) as number[];
    const A = this.buf(a).f;
    const B = this.buf(b).f;
    const C = this.buf(c).f;
    const bs = bias ? this.buf(bias).f : undefined;
    for (let p = 0; p < batch!; p++)
      for (let m = 0; m < M!; m++)
        for (let n = 0; n < N!; n++) {
          let acc = 0;
          for (let k = 0; k < K!; k++) {
            const av = transA ? A[p * strideA! + k * M! + m]! : A[p * strideA! + m * K! + k]!;
            const bv = transB ? B[p * strideB! + n * K! + k]! : B[p * strideB! + k * N! + n]!;
            acc += av * bv;
          }
          if (bs) acc += bs[n]!;
          C[(p * M! + m) * N! + n] = unaryF(act!, acc, alpha, 0);
        }
  }
}
