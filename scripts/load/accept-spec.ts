import { closest, distance } from 'fastest-levenshtein';
import { isMap, isScalar, isSeq, type Node } from 'yaml';
import type { Acceptance, Where } from '../core/diagnostics.ts';
import { isRuleId, notAcceptable, RULES, type RuleId } from '../core/rules.ts';
import { readFields, readList, readText, type Fields, type YamlFile } from './yaml-file.ts';

/** The key of the contents and of a chapter's front matter that accepts warnings. */
export const ACCEPT_KEY = 'accept';
const ITEM_KEYS = ['rule', 'paths', 'reason'];

/**
 * The contents' `accept:` list: each item a `rule`, the `paths` (globs from the manual's root)
 * whose warnings of that rule it accepts, every file when none are given, and an optional
 * `reason` for whoever reads the file next.
 */
export function readContentsAccepted(yaml: YamlFile, top: Fields): Acceptance[] {
  const items = readList(yaml, top, ACCEPT_KEY, 'the contents manifest') ?? [];
  return items.flatMap((node) => {
    const fields = readFields(yaml, node, 'an acceptance', ITEM_KEYS);
    if (!fields) return [];
    const written = readText(yaml, fields, 'rule', 'an acceptance', true);
    readText(yaml, fields, 'reason', 'an acceptance');
    const paths = fields.has('paths') ? readPaths(yaml, fields) : undefined;
    const where = fields.at('rule');
    const rule = written === undefined ? undefined : acceptableRule(yaml, written, where);
    return rule && paths !== null ? [{ rule, from: 'contents.yml' as const, where, paths }] : [];
  });
}

/** Each glob of an acceptance's `paths`; null when one is not text (it is reported). */
function readPaths(yaml: YamlFile, fields: Fields): string[] | null {
  const nodes = readList(yaml, fields, 'paths', 'an acceptance');
  if (nodes === undefined) return null;
  const globs = nodes.map((node) => textOf(node));
  const wrong = nodes.find((_, i) => globs[i] === undefined);
  if (wrong === undefined) return globs as string[];
  yaml.diagnostics.error(
    yaml.where(wrong),
    'each of "paths" in an acceptance must be a path or glob, relative to the manual\'s folder',
    'write it like "chapters/legacy/**"',
    'wrong-kind',
  );
  return null;
}

/** A chapter's front matter `accept: [image-no-alt, link-site-address]`: rules whose warnings in that chapter are accepted. */
export function readFrontMatterAccepted(yaml: YamlFile, file: string): Acceptance[] {
  const map = yaml.doc.contents;
  const pair = isMap(map) ? map.items.find((p) => isScalar(p.key) && p.key.value === ACCEPT_KEY) : undefined;
  if (!pair) return [];
  const value = pair.value as Node | null;
  const items = isSeq(value) ? (value.items as Node[]) : undefined;
  if (items === undefined || items.some((item) => textOf(item) === undefined)) {
    yaml.diagnostics.error(
      yaml.where(value ?? (pair.key as Node)),
      `"${ACCEPT_KEY}" in the front matter must be a list of rule ids`,
      'write it as accept: [image-no-alt], with the rules docs/checks.md names',
      'wrong-kind',
    );
    return [];
  }
  return items.flatMap((item) => {
    const where = yaml.where(item);
    const rule = acceptableRule(yaml, textOf(item)!, where);
    return rule ? [{ rule, from: 'front matter' as const, where, file }] : [];
  });
}

function textOf(node: unknown): string | undefined {
  return isScalar(node) && typeof node.value === 'string' && node.value.trim() !== '' ? node.value.trim() : undefined;
}

/** The rule an acceptance names, when it is a rule and a warning that may be accepted; else undefined, reported. */
function acceptableRule(yaml: YamlFile, written: string, where: Where): RuleId | undefined {
  if (!isRuleId(written)) {
    const nearest = closest(written, Object.keys(RULES));
    const near = distance(written, nearest) <= Math.max(2, Math.floor(written.length / 4));
    yaml.diagnostics.error(
      where,
      `"${written}" names no rule of manual check`,
      near ? `did you mean "${nearest}"?` : 'name a warning docs/checks.md lists, such as image-no-alt',
      'accept-unknown-rule',
    );
    return undefined;
  }
  const refused = notAcceptable(written);
  if (!refused) return written;
  yaml.diagnostics.error(where, refused.why, refused.fix, 'accept-not-allowed');
  return undefined;
}
