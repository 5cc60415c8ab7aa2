import ts from 'typescript';

/** One place in the code that reports a problem, and the rule ids it can report it under. */
export interface ReportSite {
  file: string;
  line: number;
  /** The severity written at the site, when it writes one. */
  severity?: 'error' | 'warning';
  ids: string[];
  /** Why no rule id could be read at the site; undefined when one could. */
  problem?: string;
}

/**
 * Every report site of one source file, found in its syntax tree: `...diagnostics.error(...)`
 * and `.warning(...)` (the rule id is the fourth argument), object literals with a literal
 * `severity` (ManualError's problems; their `ruleId` property), vfile messages
 * (`file.message(reason, { ruleId })`), and calls of the file's own helpers that take a
 * parameter named `ruleId`. A rule id must be a string literal or a constant of the file whose
 * values can be read; a helper's own `ruleId` parameter passes on what its callers give.
 */
export function reportSites(file: string, text: string): ReportSite[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true);
  const { helpers, forwarders } = helperParameters(source);
  const sites: ReportSite[] = [];
  const add = (node: ts.Node, rule: ts.Expression | undefined, severity?: 'error' | 'warning') => {
    const read = rule ? ruleIds(rule, { source, forwarders }) : { ids: [], problem: 'no rule id' };
    sites.push({ file, line: lineOf(source, node), severity, ...read });
  };
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node)) {
      const callee = node.expression;
      if (ts.isPropertyAccessExpression(callee) && ['error', 'warning'].includes(callee.name.text)) {
        const receiver = callee.expression.getText(source);
        const severity = callee.name.text as 'error' | 'warning';
        if (/diagnostics$/i.test(receiver)) add(node, node.arguments[3], severity);
        else if (receiver !== 'console' && node.arguments.length >= 3)
          sites.push({ file, line: lineOf(source, node), ids: [], problem: `reported through "${receiver}"` });
      }
      if (ts.isPropertyAccessExpression(callee) && callee.name.text === 'message') {
        const options = node.arguments[1];
        if (options && ts.isObjectLiteralExpression(options)) add(node, property(options, 'ruleId'), 'warning');
      }
      if (ts.isIdentifier(callee) && helpers.has(callee.text)) add(node, node.arguments[helpers.get(callee.text)!]);
    }
    if (ts.isObjectLiteralExpression(node)) {
      const severity = property(node, 'severity');
      if (severity && ts.isStringLiteral(severity) && ['error', 'warning'].includes(severity.text))
        add(node, property(node, 'ruleId'), severity.text as 'error' | 'warning');
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return sites;
}

const lineOf = (source: ts.SourceFile, node: ts.Node) => source.getLineAndCharacterOfPosition(node.getStart()).line + 1;

/** The value of a property of an object literal (a shorthand `{ ruleId }` gives its identifier). */
function property(object: ts.ObjectLiteralExpression, name: string): ts.Expression | undefined {
  for (const p of object.properties) {
    if (p.name && ts.isIdentifier(p.name) && p.name.text === name) {
      if (ts.isPropertyAssignment(p)) return p.initializer;
      if (ts.isShorthandPropertyAssignment(p)) return p.name;
    }
  }
  return undefined;
}

interface Context {
  source: ts.SourceFile;
  /** The functions whose `ruleId` parameter is checked where they are called: the file's helpers, and methods (Diagnostics' own). */
  forwarders: Set<ts.Node>;
}

/** The file's named functions with a parameter named `ruleId`, by name, with that parameter's index. */
function helperParameters(source: ts.SourceFile): { helpers: Map<string, number>; forwarders: Set<ts.Node> } {
  const helpers = new Map<string, number>();
  const forwarders = new Set<ts.Node>();
  const visit = (node: ts.Node): void => {
    const fn =
      ts.isFunctionDeclaration(node) || ts.isMethodDeclaration(node)
        ? { name: node.name?.getText(source), node, method: ts.isMethodDeclaration(node) }
        : ts.isVariableDeclaration(node) &&
            ts.isIdentifier(node.name) &&
            node.initializer &&
            (ts.isArrowFunction(node.initializer) || ts.isFunctionExpression(node.initializer))
          ? { name: node.name.text, node: node.initializer, method: false }
          : undefined;
    const index = fn?.node.parameters.findIndex((p) => ts.isIdentifier(p.name) && p.name.text === 'ruleId') ?? -1;
    if (fn?.name && index >= 0) {
      forwarders.add(fn.node);
      if (!fn.method) helpers.set(fn.name, index);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return { helpers, forwarders };
}

/**
 * The rule ids an expression can give: a string literal; both sides of `?:`, `??` and `||`; a
 * constant of the file (each string of an array or object literal, as `TABLE[key]`,
 * `LIST.find(...)` read it); or, as `ruleId`, the parameter of the helper it is written in.
 */
function ruleIds(expression: ts.Expression, context: Context): { ids: string[]; problem?: string } {
  const { source } = context;
  const e = skipOuter(expression);
  if (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e)) return { ids: [e.text] };
  const parts = ts.isConditionalExpression(e)
    ? [e.whenTrue, e.whenFalse]
    : ts.isBinaryExpression(e) &&
        [ts.SyntaxKind.QuestionQuestionToken, ts.SyntaxKind.BarBarToken].includes(e.operatorToken.kind)
      ? [e.left, e.right]
      : ts.isArrayLiteralExpression(e)
        ? [...e.elements]
        : ts.isObjectLiteralExpression(e)
          ? e.properties.flatMap((p) => (ts.isPropertyAssignment(p) ? [p.initializer] : []))
          : undefined;
  if (parts) return merge(parts.map((part) => ruleIds(part, context)));
  if (ts.isElementAccessExpression(e) || ts.isPropertyAccessExpression(e)) return ruleIds(e.expression, context);
  if (ts.isCallExpression(e) && ts.isPropertyAccessExpression(e.expression)) return ruleIds(e.expression, context);
  if (ts.isIdentifier(e)) {
    if (isForwarded(e, context)) return { ids: [] };
    const declared = constantNamed(e.text, source);
    if (declared) return ruleIds(declared, context);
  }
  return { ids: [], problem: `cannot read a rule id from ${e.getText(source)}` };
}

function skipOuter(e: ts.Expression): ts.Expression {
  while (
    ts.isParenthesizedExpression(e) ||
    ts.isAsExpression(e) ||
    ts.isSatisfiesExpression(e) ||
    ts.isNonNullExpression(e)
  )
    e = e.expression;
  return e;
}

function merge(reads: { ids: string[]; problem?: string }[]): { ids: string[]; problem?: string } {
  return { ids: reads.flatMap((r) => r.ids), problem: reads.find((r) => r.problem)?.problem };
}

/** `ruleId` as the parameter of the forwarding function it is written in. */
function isForwarded(identifier: ts.Identifier, { forwarders }: Context): boolean {
  if (identifier.text !== 'ruleId') return false;
  for (let node: ts.Node | undefined = identifier.parent; node; node = node.parent) {
    if (ts.isFunctionLike(node) && node.parameters.some((p) => ts.isIdentifier(p.name) && p.name.text === 'ruleId'))
      return forwarders.has(node);
  }
  return false;
}

/** The value of a `const NAME = ...` of the file. */
function constantNamed(name: string, source: ts.SourceFile): ts.Expression | undefined {
  let found: ts.Expression | undefined;
  const visit = (node: ts.Node): void => {
    if (
      !found &&
      ts.isVariableDeclaration(node) &&
      ts.isIdentifier(node.name) &&
      node.name.text === name &&
      node.initializer &&
      ts.isVariableDeclarationList(node.parent) &&
      node.parent.flags & ts.NodeFlags.Const
    )
      found = node.initializer;
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}
