#!/usr/bin/env node
// Runs the compiled CLI. `npm install` builds dist/ (the `prepare` script).
import { main } from '../dist/cli.js';

process.exitCode = await main(process.argv.slice(2));
