#!/usr/bin/env node
// The `manual` command: the pipeline is TypeScript, run from a bundle (see run-bundled.mjs).
import { importBundled } from './run-bundled.mjs';

const { main } = await importBundled('scripts/cli/main.ts', ['scripts']);
process.exitCode = await main(process.argv.slice(2));
