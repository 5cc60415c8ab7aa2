/**
 * Every rule a problem can be reported under, and whether it is an error or a warning. The
 * release gate's findings ('gate') are warnings for `check` and errors for `release`.
 * docs/checks.md says what each means and what to do; tests/unit/rule-ids.test.ts holds this
 * list, that page and the code's report calls to the same ids.
 */
export const RULES = {
  // Contents: chapters/contents.yml (the YAML rules also for amendments.yml and front matter)
  'manual-file-missing': 'error',
  'yaml-syntax': 'error',
  'unknown-key': 'error',
  'missing-key': 'error',
  'wrong-kind': 'error',
  'empty-section': 'error',
  'entry-kind': 'error',
  'path-outside': 'error',
  'url-format': 'error',
  'generated-unknown': 'error',
  'language-tag': 'error',
  'slug-format': 'error',
  'id-format': 'error',
  'id-used-twice': 'error',
  'base-path-format': 'error',
  'site-url-format': 'error',
  'largest-document-format': 'error',
  'logo-missing': 'error',
  'chapter-missing': 'error',
  'chapter-listed-twice': 'error',
  'see-also-missing': 'error',
  'unlisted-chapter': 'warning',
  // A manual on a regional base: `base:` and `local:` in the contents
  'base-missing': 'error',
  'base-edition-mismatch': 'error',
  'base-document': 'error',
  'local-without-base': 'error',
  'local-change-kind': 'error',
  'local-change-conflict': 'error',
  'base-entry-missing': 'error',
  'local-information-marker': 'error',
  'link-to-left-out': 'warning',
  'substitute-heading-missing': 'warning',
  'base-changed-under-local': 'warning',
  'local-information-heading': 'error',
  // Amendments: chapters/amendments.yml, and the archive of releases
  'no-edition': 'error',
  'edition-id-format': 'error',
  'date-format': 'error',
  'edition-listed-twice': 'error',
  'editions-out-of-order': 'error',
  'edition-date-month': 'warning',
  'amendment-unnamed': 'error',
  'amendment-names-both': 'error',
  'amendment-no-document': 'error',
  'amendment-not-in-contents': 'error',
  'removed-still-listed': 'error',
  'amendment-listed-twice': 'error',
  'amendment-needs-title': 'error',
  'release-record-unreadable': 'error',
  'archived-file-changed': 'error',
  'released-units': 'warning',
  // Chapters
  'not-utf8': 'error',
  'chapter-too-large': 'error',
  'chapter-no-title': 'warning',
  'unsafe-html': 'warning',
  'iframe-as-link': 'warning',
  'repeated-raw-id': 'warning',
  // Links and images
  'link-no-chapter': 'error',
  'link-no-heading': 'error',
  'link-missing-file': 'error',
  'link-file-not-included': 'warning',
  'link-two-hashes': 'warning',
  'link-site-address': 'warning',
  'link-old-address': 'warning',
  'image-missing': 'error',
  'image-outside': 'error',
  'image-on-the-web': 'warning',
  'image-no-alt': 'warning',
  'svg-empty-shape': 'warning',
  // Site generators' markdown
  'template-liquid': 'warning',
  'template-erb': 'warning',
  'template-mdx': 'warning',
  'template-hugo': 'warning',
  // Reviews
  'owner-format': 'error',
  'review-by-format': 'error',
  'review-key-misspelt': 'warning',
  'review-date-unreadable': 'warning',
  'review-overdue': 'warning',
  // Accepted warnings
  'accept-unknown-rule': 'error',
  'accept-not-allowed': 'error',
  'accepted-warning-unused': 'warning',
  // The release gate
  'change-not-listed': 'gate',
  'updated-not-changed': 'gate',
  'edition-already-released': 'gate',
  // Templates: a manual's own templates/
  'template-outdated': 'error',
  'template-failed': 'error',
  // After rendering
  'svg-not-well-formed': 'error',
  'lost-in-output': 'error',
  'template-syntax-in-output': 'error',
  'page-numbers-move': 'error',
  // The machine and the archive
  'program-missing': 'error',
  'chromium-failed': 'error',
  'release-not-reproducible': 'error',
  'edition-already-archived': 'error',
  'preview-failed': 'error',
  // Documents: files a chapter links to that are no chapter
  'document-too-large': 'error',
  'document-program': 'error',
  'document-macros': 'error',
  'document-misnamed': 'error',
  'document-missing': 'error',
  'document-unlinked': 'warning',
  'document-no-site-url': 'warning',
  // Import
  'import-file-unreadable': 'error',
  'import-file-kind': 'error',
  'import-docx-damaged': 'error',
  'import-would-overwrite': 'error',
  'contents-not-editable': 'error',
} as const satisfies Record<string, 'error' | 'warning' | 'gate'>;

export type RuleId = keyof typeof RULES;
type RuleOfKind<Kind> = { [R in RuleId]: (typeof RULES)[R] extends Kind ? R : never }[RuleId];
/** The rules `Diagnostics.error` may report under: a rule is always an error or always a warning, but for the gate's. */
export type ErrorRule = RuleOfKind<'error' | 'gate'>;
export type WarningRule = RuleOfKind<'warning' | 'gate'>;
export type GateRule = RuleOfKind<'gate'>;

export function isRuleId(text: string): text is RuleId {
  return Object.hasOwn(RULES, text);
}

/**
 * Why an acceptance may not name a rule, with what to do instead; undefined when it may. Only
 * warnings can be accepted, and of them not the gate's (release refuses them), nor the ones
 * `check` never reports (an acceptance of them could not be told unused).
 */
export function notAcceptable(rule: RuleId): { why: string; fix: string } | undefined {
  if (RULES[rule] === 'error')
    return {
      why: `"${rule}" is an error, and only warnings can be accepted`,
      fix: 'take it out of "accept" and fix what it reports: an error stops build and release',
    };
  if (RULES[rule] === 'gate')
    return {
      why: `"${rule}" is a finding of the release gate, which release refuses whatever check accepts`,
      fix: 'list the change in chapters/amendments.yml instead',
    };
  if (rule === 'released-units')
    return {
      why: `"${rule}" is reported by build, never by check, so check could not tell whether it still applies`,
      fix: 'restore the archived EPUB from version control instead',
    };
  if (rule === 'accepted-warning-unused')
    return { why: `"${rule}" cannot be accepted`, fix: 'delete the acceptance it names instead' };
  return undefined;
}
