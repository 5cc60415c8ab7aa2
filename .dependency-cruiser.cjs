// The stages of scripts/ and the one direction data flows through them. `npm test` runs
// dependency-cruiser with these rules: an import from a stage to a later one fails, naming both files.

/** The ground floor first, then the stages in the order data flows through them. */
const STAGES = [
  'core',
  'load',
  'number',
  'markdown',
  'model',
  'changes',
  'pipeline',
  'render',
  'output',
  'release',
  'preview',
  'import',
  'cli',
];

/** One rule for each forbidden direction: a stage importing a later stage. */
const backward = STAGES.flatMap((stage, i) =>
  STAGES.slice(i + 1).map((later) => ({
    name: `${stage}-imports-${later}`,
    severity: 'error',
    comment: `${stage}/ comes before ${later}/: it may import only ${STAGES.slice(0, i).join(', ') || 'packages'} and itself`,
    from: { path: `^scripts/${stage}/` },
    to: { path: `^scripts/${later}/` },
  })),
);

module.exports = {
  forbidden: [
    ...backward,
    {
      name: 'render-reads-only-the-model',
      severity: 'error',
      comment:
        'renderers read the book model (core/) and their templates, never what loading, numbering or the markdown stage produced',
      from: { path: '^scripts/render/' },
      to: { path: '^scripts/(load|number|markdown|model|changes)/' },
    },
    {
      name: 'import-reads-only-the-sources',
      severity: 'error',
      comment:
        'import/ writes chapters: it may use core/, load/, number/ and markdown/ (the manual as written), never what builds the editions',
      from: { path: '^scripts/import/' },
      to: { path: '^scripts/(model|changes|render|output|release)/' },
    },
    {
      name: 'renderers-are-independent',
      severity: 'error',
      comment: 'one renderer never imports another: what they share lives in render/ itself or in core/',
      from: { path: '^scripts/render/([^/]+)/' },
      to: { path: '^scripts/render/[^/]+/', pathNot: '^scripts/render/$1/' },
    },
    {
      name: 'every-module-in-a-stage',
      severity: 'error',
      comment: 'a module of the pipeline belongs to one stage folder of scripts/',
      from: { path: '^scripts/' },
      to: { path: '^scripts/[^/]+\\.ts$' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'modules that import each other cannot be understood or tested one at a time',
      from: {},
      to: { circular: true },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      comment: 'an import that names no file',
      from: { path: '^(scripts|bench)/' },
      // Packages of types alone (@types/hast ...) have no module to resolve.
      to: { couldNotResolve: true, pathNot: '^(hast|mdast|unist)$' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    // svgo names its entry points only in package.json's "exports", by condition.
    enhancedResolveOptions: {
      extensions: ['.ts', '.mjs', '.js'],
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
    },
  },
};
