// The lrkit-bench executable.
import { main } from './cli';

main(process.argv.slice(2)).then(
  (code) => {
    // tfjs' wasm module and onnxruntime keep handles open; exit once the output is flushed.
    process.stdout.write('', () => process.exit(code));
  },
  (err: unknown) => {
    process.stderr.write(`lrkit-bench: internal error: ${String(err)}\n`);
    process.exit(1);
  },
);
