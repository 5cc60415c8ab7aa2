import { closest, distance } from 'fastest-levenshtein';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node, type YAMLMap } from 'yaml';
import type { Diagnostics, Where } from '../core/diagnostics.ts';

/**
 * A YAML source file parsed with positions kept, so every value read from it can be reported
 * at its own line and column. Syntax errors are reported when it is opened.
 */
export class YamlFile {
  readonly doc: Document.Parsed;
  private readonly lines = new LineCounter();

  constructor(
    readonly file: string,
    text: string,
    readonly diagnostics: Diagnostics,
    /** Lines above this text in its file (front matter starts below a `---` line). */
    private readonly lineOffset = 0,
  ) {
    this.doc = parseDocument(text, { lineCounter: this.lines, prettyErrors: false });
    this.reportSyntaxErrors(lineOffset);
  }

  /**
   * Every syntax error of the file, the first of each line: an author mends them all in one go.
   */
  private reportSyntaxErrors(lineOffset: number): void {
    const reported = new Set<number>();
    for (const error of this.doc.errors) {
      const at = this.lines.linePos(error.pos[0]);
      if (reported.has(at.line)) continue;
      reported.add(at.line);
      this.diagnostics.error(
        { file: this.file, line: at.line + lineOffset, column: at.col },
        `YAML syntax: ${firstLine(error.message)}`,
        error.code === 'MISSING_CHAR' && /quote/i.test(error.message)
          ? 'a quote opened above this line is never closed: close it on the line where the text ends'
          : 'check the indentation and quoting on this line and the one above it; quote text that contains ": " or starts with a special character',
        'yaml-syntax',
      );
    }
  }

  get ok(): boolean {
    return this.doc.errors.length === 0;
  }

  /** The position of a node, or of the file when there is none. */
  where(node?: Node | null): Where {
    if (!node?.range) return { file: this.file, line: 1 + this.lineOffset, column: 1 };
    const at = this.lines.linePos(node.range[0]);
    return { file: this.file, line: at.line + this.lineOffset, column: at.col };
  }
}

function firstLine(message: string): string {
  return message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
}

/** A mapping whose keys were checked against the keys it may have. */
export interface Fields {
  readonly map: YAMLMap;
  readonly where: Where;
  /** The value node of a key, as written. */
  node(key: string): Node | undefined;
  has(key: string): boolean;
  /** Keys some unknown key looked like a misspelling of: their absence is already reported. */
  readonly misspelt: ReadonlySet<string>;
  /** Position of a key's value, or of the mapping when the key is absent. */
  at(key: string): Where;
}

/**
 * Reads a mapping and reports each key it does not know, suggesting the nearest known one:
 * a misspelt key silently ignored would be a wrong book.
 */
export function readFields(yaml: YamlFile, node: unknown, what: string, known: readonly string[]): Fields | undefined {
  if (!isMap(node)) {
    yaml.diagnostics.error(
      yaml.where(node as Node),
      `${what} must be a mapping of "key: value" lines`,
      `write it as lines such as "${known[0]}: ..."`,
      'wrong-kind',
    );
    return undefined;
  }
  const values = new Map<string, Node>();
  const misspelt = new Set<string>();
  for (const pair of node.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
    if (known.includes(key)) {
      values.set(key, pair.value as Node);
      continue;
    }
    const nearest = nearestKey(key, known);
    if (nearest) misspelt.add(nearest);
    const hint = nearest ? `did you mean "${nearest}"?` : `the keys allowed here are: ${known.join(', ')}`;
    yaml.diagnostics.error(yaml.where(pair.key as Node), `unknown key "${key}" in ${what}`, hint, 'unknown-key');
  }
  const where = yaml.where(node);
  return {
    map: node,
    where,
    node: (key) => values.get(key),
    has: (key) => values.has(key),
    misspelt,
    at: (key) => (values.get(key) ? yaml.where(values.get(key)) : where),
  };
}

function nearestKey(key: string, known: readonly string[]): string | undefined {
  const nearest = closest(key, [...known]);
  return distance(key, nearest) <= Math.max(2, Math.floor(key.length / 3)) ? nearest : undefined;
}

/** A text value; numbers are accepted as text (a title may be "2024"), anything else is not. */
export function readText(
  yaml: YamlFile,
  fields: Fields,
  key: string,
  what: string,
  required = false,
): string | undefined {
  const node = fields.node(key);
  if (node === undefined || (isScalar(node) && node.value === null)) {
    if (required && !fields.misspelt.has(key)) {
      yaml.diagnostics.error(fields.where, `${what} has no "${key}"`, `add a line "${key}: ..."`, 'missing-key');
    }
    return undefined;
  }
  if (isScalar(node) && (typeof node.value === 'string' || typeof node.value === 'number')) {
    const text = String(node.value).trim();
    if (text !== '') return text;
  }
  yaml.diagnostics.error(
    yaml.where(node),
    `"${key}" in ${what} must be a line of text`,
    `write it as "${key}: some text"`,
    'wrong-kind',
  );
  return undefined;
}

export function readBoolean(yaml: YamlFile, fields: Fields, key: string, what: string): boolean | undefined {
  const node = fields.node(key);
  if (node === undefined) return undefined;
  if (isScalar(node) && typeof node.value === 'boolean') return node.value;
  yaml.diagnostics.error(
    yaml.where(node),
    `"${key}" in ${what} must be true or false`,
    `write "${key}: false" or leave the line out`,
    'wrong-kind',
  );
  return undefined;
}

/** A list value; an absent key reads as an empty list unless the list is required. */
export function readList(
  yaml: YamlFile,
  fields: Fields,
  key: string,
  what: string,
  required = false,
): Node[] | undefined {
  const node = fields.node(key);
  if (node === undefined || (isScalar(node) && node.value === null)) {
    if (required && !fields.misspelt.has(key)) {
      yaml.diagnostics.error(
        fields.where,
        `${what} has no "${key}" list`,
        `add "${key}:" followed by lines starting with "- "`,
        'missing-key',
      );
      return undefined;
    }
    return [];
  }
  if (isSeq(node)) return node.items as Node[];
  yaml.diagnostics.error(
    yaml.where(node),
    `"${key}" in ${what} must be a list`,
    `write each item on its own line starting with "- "`,
    'wrong-kind',
  );
  return undefined;
}
