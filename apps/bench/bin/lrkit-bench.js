#!/usr/bin/env node
// The `lrkit-bench` command: a file that exists before the build, so that installing the workspace links the bin
// (pnpm links bins at install, when dist/ is not built yet); the program is dist/index.js.
import '../dist/index.js';
