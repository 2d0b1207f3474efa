import type { Options } from 'tsup';
export declare function libraryConfig(extra?: Options): Options;
export declare function executableConfig(extra?: Options): Options;
