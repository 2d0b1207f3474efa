export declare function findChromium(): { path: string } | { reason: string };
export declare const CHROMIUM_ARGS: string[];
