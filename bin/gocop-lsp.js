#!/usr/bin/env node
// The gocop language server over stdio, the same as `gocop lsp --stdio`; the code lives in dist/server.
import { runLanguageServer } from '../dist/server/main.js';

process.exitCode = await runLanguageServer(process.argv.slice(2));
