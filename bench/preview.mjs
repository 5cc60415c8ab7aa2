// `node bench/preview.mjs ROOT [EDITS]`: how fast `manual preview` follows saves on the manual in ROOT.
// It starts the real command (its start, with the parse cache as it is, is timed to the address
// line), saves a one-sentence edit to the middle chapter (by sorted path) EDITS times, then
// retitles the first section of contents.yml, and prints what the preview reported of each: the
// time from the first file event of the save to the pages being told to reload, and the time from
// the write to that report here. ROOT's files are put back as they were. Run it on a quiet machine:
// other work on the cores shows directly in these times.
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const repo = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const [root, edits = '10'] = process.argv.slice(2);
const chapters = readdirSync(path.join(root, 'chapters'), { recursive: true })
  .filter((f) => f.endsWith('.md'))
  .sort();
const chapter = path.join(root, 'chapters', chapters[Math.floor(chapters.length / 2)]);
const contents = path.join(root, 'chapters/contents.yml');
const original = { chapter: readFileSync(chapter, 'utf8'), contents: readFileSync(contents, 'utf8') };

const started = performance.now();
const child = spawn(
  process.execPath,
  [path.join(repo, 'scripts/manual.mjs'), 'preview', '--root', root, '--port', '0'],
  {
    stdio: ['ignore', 'pipe', 'inherit'],
  },
);
const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
const next = async () => (await lines.next()).value;
const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
try {
  console.log(`address ${await next()} after ${Math.round(performance.now() - started)} ms`);
  const times = [];
  const seen = [];
  for (let i = 1; i <= Number(edits); i++) {
    const at = original.chapter.indexOf('\n\n', original.chapter.indexOf('\n\n') + 2);
    writeFileSync(
      chapter,
      `${original.chapter.slice(0, at)} This was reviewed again in edit ${i}.${original.chapter.slice(at)}`,
    );
    const saved = performance.now();
    const line = await next();
    seen.push(Math.round(performance.now() - saved));
    times.push(Number(/(\d+) ms after the save/.exec(line)[1]));
    await pause(300);
  }
  const median = (list) => [...list].sort((a, b) => a - b)[list.length >> 1];
  console.log(`chapter edits (${path.relative(root, chapter)}), as the preview timed them from the first file event:`);
  console.log(`  ${times.join(', ')} ms; median ${median(times)} ms`);
  console.log(`  from the write to the preview's report line: ${seen.join(', ')} ms; median ${median(seen)} ms`);
  writeFileSync(contents, original.contents.replace(/(sections:\s*\n\s*- title: "?)([^"\n]*)/, '$1$2 (retitled)'));
  console.log(`contents.yml: ${await next()}`);
} finally {
  writeFileSync(chapter, original.chapter);
  writeFileSync(contents, original.contents);
  await pause(500);
  child.kill('SIGINT');
}
