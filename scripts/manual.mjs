#!/usr/bin/env node
// The `manual` command. The pipeline is TypeScript run through tsx's loader, so a fresh clone
// needs no compile step and can never run stale compiled code.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('./cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
