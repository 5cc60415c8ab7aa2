import { statSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { sourceBuilder } from '../../scripts/preview/rebuild.ts';
import { copyManual, edit, REPO, removeCopies } from '../helpers/fixture.ts';

afterAll(removeCopies);

const CONTACTS = 'chapters/forms/contacts.csv';

describe("the preview's rebuilds of a manual's documents", () => {
  it('read a document again only when its size or time of change moved', async () => {
    const root = copyManual(path.join(REPO, 'tests/fixtures/documents'));
    const build = sourceBuilder(root, {});
    const contacts = async () => (await build()).book!.documents.find((d) => d.file === CONTACTS)!;
    const full = path.join(root, CONTACTS);
    // A time of change in whole seconds, which setting it again gives exactly.
    const changedAt = Math.floor(Date.now() / 1000) - 60;
    utimesSync(full, changedAt, changedAt);
    const first = await contacts();
    // The same size and time of change: what was read is kept, though the bytes differ.
    writeFileSync(full, 'x'.repeat(statSync(full).size));
    utimesSync(full, changedAt, changedAt);
    edit(root, 'chapters/care/private-fostering.md', 'Visit within', 'Visit them within');
    expect((await contacts()).sha256).toBe(first.sha256);
    // A save of the document is read.
    writeFileSync(full, 'Service,Telephone\r\nCareline,01332 786968\r\n');
    const changed = await contacts();
    expect(changed.sha256).not.toBe(first.sha256);
    expect(changed.bytes).toBe(42);
  });
});
