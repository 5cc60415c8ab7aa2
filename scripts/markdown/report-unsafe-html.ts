import type { Diagnostics, Where } from '../core/diagnostics.ts';
import type { WarningRule } from '../core/rules.ts';
import type { ChapterNodes } from '../load/chapter-nodes.ts';
import type { TemplateSyntax } from '../load/generator-syntax.ts';
import type { HtmlConversion } from './to-html-tree.ts';

/** The rules of the conversion's messages (rehype-report-unsafe.ts, rehype-raw-ids.ts); the first names any other. */
const CONVERSION_RULES = ['unsafe-html', 'iframe-as-link', 'repeated-raw-id'] as const satisfies WarningRule[];

/** The conversion's messages (what the editions leave out of raw HTML) as warnings, each at its place in the source. */
export function reportConversion(
  conversion: HtmlConversion,
  diagnostics: Diagnostics,
  locate: (place: { line?: number; column?: number }) => Where,
): void {
  for (const message of conversion.messages) {
    diagnostics.warning(
      locate({ line: message.line, column: message.column }),
      message.reason,
      message.note,
      CONVERSION_RULES.find((rule) => rule === message.ruleId) ?? CONVERSION_RULES[0],
    );
  }
}

const TEMPLATE_LANGUAGES: Record<TemplateSyntax['language'], string> = {
  liquid: 'Liquid template syntax (Jekyll, GitBook)',
  erb: 'ERB template syntax (Middleman, the GOV.UK Tech Docs Template)',
  mdx: 'MDX syntax (Docusaurus)',
  hugo: 'a Hugo shortcode',
};

/** The rule template syntax is reported under, by its language. */
const TEMPLATE_RULES = {
  liquid: 'template-liquid',
  erb: 'template-erb',
  mdx: 'template-mdx',
  hugo: 'template-hugo',
} as const satisfies Record<TemplateSyntax['language'], WarningRule>;

/** Each piece of template syntax the editions cannot run, at its place, saying what they show instead (rule `template-` and the language). */
export function reportTemplateSyntax(
  nodes: ChapterNodes,
  diagnostics: Diagnostics,
  locate: (place: { line?: number; column?: number }) => Where,
): void {
  for (const found of nodes.templates) {
    const shown = found.shows === 'nothing' ? 'nothing in its place' : 'only what it wraps';
    diagnostics.warning(
      locate({ line: found.line, column: found.column }),
      `${found.written} is ${TEMPLATE_LANGUAGES[found.language]}, which the editions cannot run: they show ${shown}`,
      'write in markdown what it should show, or delete it',
      TEMPLATE_RULES[found.language],
    );
  }
}
