// Types for build.mjs (plain JavaScript, so that an install script runs it without a build step).

export type AddonGlue =
  | { ok: true; dir: string; sources: string[]; headers: string[]; includes: string[]; defines: string[] }
  | { ok: false; reason: string };

export function findNodeHeaders(): string | undefined;
export function addonGlue(): AddonGlue;
export function toolVersion(tool: string): string | undefined;

export interface CompileUnit {
  src: string;
  obj: string;
  tool: string;
  args: string[];
}

export interface AddonBuildOptions {
  label: string;
  packageName: string;
  pkgRoot: string;
  fileName: string;
  skipVariable: string;
}

export interface AddonBuild {
  atInstall: boolean;
  skip(reason: string): never;
  fail(what: string, detail: string): never;
  glue(): Extract<AddonGlue, { ok: true }>;
  build(options: {
    units: CompileUnit[];
    headers: string[];
    link: { tool: string; args: string[]; libs: string[] };
    tools: string[];
    status: Record<string, unknown>;
    done: string;
  }): Promise<void>;
}

export function addonBuild(options: AddonBuildOptions): AddonBuild;
