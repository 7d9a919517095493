#!/usr/bin/env node
// The gocop command; the code lives in dist/src/cli (built by `npm run build`, run on install).
import { main } from '../dist/src/cli/main.js';

process.exitCode = await main(process.argv.slice(2));
