// `npm run bench`: runs bench/bench.ts from a bundle, as the `manual` command runs its sources.
import { importBundled } from '../scripts/run-bundled.mjs';

const { main } = await importBundled('bench/bench.ts', ['scripts', 'bench']);
process.exitCode = await main(process.argv.slice(2));
