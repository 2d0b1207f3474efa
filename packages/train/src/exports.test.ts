// The public surface stays small: what a user's program calls. The rest of what lrkit's own packages use
// is on `@lrkit/train/internal`.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const here = dirname(fileURLToPath(import.meta.url));

/** Every name a module exports, types included, as the compiler sees them. */
function exportedNames(file: string): string[] {
  const path = join(here, file);
  const program = ts.createProgram([path], { module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler, strict: true, skipLibCheck: true, noEmit: true });
  const checker = program.getTypeChecker();
  return checker.getExportsOfModule(checker.getSymbolAtLocation(program.getSourceFile(path)!)!).map((s) => s.name).sort();
}

describe('exports', () => {
  const index = exportedNames('index.ts');
  const internal = exportedNames('internal.ts');

  it('the index exports at most 52 names, the run, lrFind, ONNX, checkpoints and the errors among them', () => {
    expect(index.length).toBeLessThanOrEqual(52);
    for (const name of ['train', 'TrainConfig', 'TrainResult', 'lrFind', 'exportOnnx', 'loadOnnxModel', 'predictOnnx', 'predictOnnxTable', 'readCheckpoint', 'TrainConfigError', 'TrainDivergedError']) {
      expect(index).toContain(name);
    }
  });

  it('the internal entry exports everything the index does, and the parts (the loop, the model, the optimizers)', () => {
    expect(internal).toEqual(expect.arrayContaining(index));
    expect(internal).toEqual(expect.arrayContaining(['runLoop', 'Mlp', 'createOptimizer', 'createTrainer', 'prepareData']));
  });
});
