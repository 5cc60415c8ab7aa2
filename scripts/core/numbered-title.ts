/** "6.1.3 Care Planning", or just the title of an entry without a number: how every output names an entry. */
export function numberedTitle(entry: { number?: string; title: string }): string {
  return entry.number ? `${entry.number} ${entry.title}` : entry.title;
}
