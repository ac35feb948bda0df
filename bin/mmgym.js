#!/usr/bin/env node
// The `mmgym` command: runs the compiled CLI (built by `npm install` via the `prepare` script).
import '../dist/cli/main.js';
