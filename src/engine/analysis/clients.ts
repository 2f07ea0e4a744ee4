/**
 * How code reaches an SDK client or function. `traceOrigin(expr)` answers "which SDK export does
 * this expression come from, and through which steps" (`new Anthropic()` then `.messages.create`),
 * following imports (default, named, namespace, `require`), aliases, re-exports across files, class
 * fields (initialised or assigned in the constructor), parameters and properties typed as the
 * client, destructuring and factory functions. It works through declarations and import
 * declarations, so it does not need the SDK's types; when they resolve, the type checker is a
 * fallback for receivers the declarations cannot explain, and package functions declared to return
 * their argument are followed to it (tracing wrappers: langsmith's `wrapOpenAI(client)`, see
 * passThrough.ts). A local object that merely has a `messages.create` method never traces to an SDK
 * module, so it is never a call site.
 */
import { Node } from 'ts-morph';
import type { CallExpression, NewExpression, SourceFile, Symbol as MorphSymbol, TypeNode } from 'ts-morph';
import { expandoAssignment, functionsOf, returnedExpressions, stripExpression } from './functionValues';
import { passThroughArgument } from './passThrough';
import { isPackageSpecifier } from './prefilter';
import { isUnresolvedType } from './programs';
import type { AnalysisContext } from './types';

/** One step from an SDK export to the expression: a property read, a call, or an instantiation. */
export type PathStep =
  | { kind: 'prop'; name: string }
  | { kind: 'call'; node: CallExpression }
  /** `node` is undefined for a value known only by its declared type (`client: Anthropic`). */
  | { kind: 'new'; node: NewExpression | undefined };

/** Where an expression comes from: an SDK module export plus the steps applied to it. */
export interface Origin {
  /** The package (`@anthropic-ai/sdk`), as the import specifier names it. */
  module: string;
  /** `default`, a named export, or `*` (a namespace import or `require`). */
  exportName: string;
  steps: PathStep[];
  /** Why: one line per hop, from the expression outwards. */
  chain: string[];
}

/** What tracing needs: the packages that count as SDKs and the analysis context. */
export interface TraceOptions {
  packages: readonly string[];
  ctx: AnalysisContext;
  /** Skip the type-checker fallback (a caller that classifies many expressions, e.g. the steps of a chain). */
  declarationsOnly?: boolean;
}

interface TraceState {
  opts: TraceOptions;
  seen: Set<Node>;
  depth: number;
}

const MAX_DEPTH = 30;

/** Traces an expression to the SDK export it comes from, or undefined (not an SDK value). */
export function traceOrigin(expr: Node, opts: TraceOptions): Origin | undefined {
  const state: TraceState = { opts, seen: new Set(), depth: 0 };
  return trace(expr, state) ?? (opts.declarationsOnly ? undefined : typedReceiverOrigin(expr, opts));
}

/**
 * Type-checker fallback over an access chain `a.b.c`: the innermost receiver whose declared type is
 * an SDK class, extended with the remaining property names.
 */
function typedReceiverOrigin(expr: Node, opts: TraceOptions): Origin | undefined {
  const chain: Node[] = [];
  let current = strip(expr);
  while (Node.isPropertyAccessExpression(current)) {
    chain.unshift(current);
    current = strip(current.getExpression());
  }
  chain.unshift(current);
  if (isCastLiteral(current)) return undefined;
  for (let i = 0; i < chain.length; i++) {
    const origin = typeOrigin(chain[i], opts);
    if (!origin) continue;
    let result = origin;
    for (const outer of chain.slice(i + 1)) {
      if (Node.isPropertyAccessExpression(outer)) result = extend(result, { kind: 'prop', name: outer.getName() });
    }
    return result;
  }
  return undefined;
}

/** Appends a step, turning `namespace.X` into the export `X`. */
export function extend(origin: Origin, step: PathStep, why?: string): Origin {
  const chain = why ? [why, ...origin.chain] : origin.chain;
  if (step.kind === 'prop' && origin.exportName === '*' && origin.steps.length === 0) {
    return { ...origin, exportName: step.name, chain };
  }
  return { ...origin, steps: [...origin.steps, step], chain };
}

function loc(node: Node, state: TraceState): string {
  const span = state.opts.ctx.span(node);
  return `${span.file}:${span.start.line + 1}`;
}

function short(node: Node): string {
  const text = node.getText().replace(/\s+/g, ' ');
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

const strip = stripExpression;

function trace(input: Node, state: TraceState): Origin | undefined {
  const node = strip(input);
  if (state.depth > MAX_DEPTH || state.seen.has(node)) return undefined;
  const next: TraceState = { ...state, depth: state.depth + 1, seen: new Set([...state.seen, node]) };
  if (Node.isIdentifier(node)) return traceIdentifier(node, next);
  if (Node.isPropertyAccessExpression(node)) {
    const base = trace(node.getExpression(), next);
    if (base) return extend(base, { kind: 'prop', name: node.getName() });
    return traceMemberDeclaration(node.getNameNode(), next);
  }
  if (Node.isElementAccessExpression(node)) {
    const arg = node.getArgumentExpression();
    const base = trace(node.getExpression(), next);
    if (base && arg && (Node.isStringLiteral(arg) || Node.isNoSubstitutionTemplateLiteral(arg))) {
      return extend(base, { kind: 'prop', name: arg.getLiteralValue() });
    }
    return undefined;
  }
  if (Node.isNewExpression(node)) {
    const base = trace(node.getExpression(), next);
    return base ? extend(base, { kind: 'new', node }, `\`${short(node)}\` (${loc(node, state)})`) : undefined;
  }
  if (Node.isCallExpression(node)) return traceCall(node, next);
  if (Node.isConditionalExpression(node)) return trace(node.getWhenTrue(), next) ?? trace(node.getWhenFalse(), next);
  if (Node.isBinaryExpression(node)) return trace(node.getRight(), next) ?? trace(node.getLeft(), next);
  return undefined;
}

function traceCall(node: CallExpression, state: TraceState): Origin | undefined {
  const required = requireOrigin(node, state);
  if (required) return required;
  const callee = node.getExpression();
  const base = trace(callee, state);
  if (base) return extend(base, { kind: 'call', node });
  // A workspace factory function (also one held in a field or variable): the client is what it returns.
  for (const fn of functionsOf(callee)) {
    for (const returned of returnedExpressions(fn)) {
      const origin = trace(returned, state);
      if (origin) return { ...origin, chain: [`returned by \`${short(callee)}()\` (${loc(returned, state)})`, ...origin.chain] };
    }
  }
  // A package function declared to return its argument (a tracing wrapper: `wrapOpenAI(new OpenAI())`).
  const passed = passThroughArgument(node);
  const origin = passed ? trace(passed.argument, state) : undefined;
  return passed && origin ? withWhy(origin, `passed through \`${short(callee)}(...)\`, declared \`${passed.declared}\` (${loc(node, state)})`) : undefined;
}

function requireOrigin(node: CallExpression, state: TraceState): Origin | undefined {
  const callee = node.getExpression();
  if (!Node.isIdentifier(callee) || callee.getText() !== 'require') return undefined;
  const arg = node.getArguments()[0];
  if (!arg || !Node.isStringLiteral(arg)) return undefined;
  const specifier = arg.getLiteralValue();
  const pkg = state.opts.packages.find((p) => isPackageSpecifier(specifier, p));
  if (!pkg) return undefined;
  return { module: specifier, exportName: '*', steps: [], chain: [`\`require('${specifier}')\` (${loc(node, state)})`] };
}

function traceIdentifier(id: Node, state: TraceState): Origin | undefined {
  const parent = id.getParent();
  const symbol = parent && Node.isShorthandPropertyAssignment(parent) ? parent.getValueSymbol() : id.getSymbol();
  if (!symbol) return undefined;
  return traceSymbol(symbol, state);
}

function traceSymbol(symbol: MorphSymbol, state: TraceState): Origin | undefined {
  for (const decl of symbol.getDeclarations()) {
    const origin = traceDeclaration(decl, state);
    if (origin) return origin;
  }
  if (symbol.isAlias()) {
    const aliased = symbol.getImmediatelyAliasedSymbol();
    if (aliased && aliased !== symbol) return traceSymbol(aliased, state);
  }
  return undefined;
}

/** Import declarations, re-exports and local declarations. */
function traceDeclaration(decl: Node, state: TraceState): Origin | undefined {
  if (state.seen.has(decl) || state.depth > MAX_DEPTH) return undefined;
  const next: TraceState = { ...state, depth: state.depth + 1, seen: new Set([...state.seen, decl]) };
  const imported = importOrigin(decl, next);
  if (imported !== undefined) return imported ?? undefined;
  if (Node.isVariableDeclaration(decl) || Node.isPropertyDeclaration(decl) || Node.isPropertySignature(decl) || Node.isParameterDeclaration(decl)) {
    return traceValueHolder(decl, next);
  }
  if (Node.isPropertyAssignment(decl)) {
    const init = decl.getInitializer();
    return init ? withWhy(trace(init, next), `\`${decl.getName()}\` (${loc(decl, state)})`) : undefined;
  }
  if (Node.isShorthandPropertyAssignment(decl)) {
    const value = decl.getValueSymbol();
    return value ? traceSymbol(value, next) : undefined;
  }
  if (Node.isBindingElement(decl)) return traceBindingElement(decl, next);
  if (Node.isExportAssignment(decl)) return trace(decl.getExpression(), next);
  // A JavaScript member declared by assignment only (`this.client = new OpenAI()`, no field).
  const assigned = expandoAssignment(decl);
  return assigned ? withWhy(trace(assigned, next), `\`${short(decl)}\` assigned (${loc(decl, state)})`) : undefined;
}

function withWhy(origin: Origin | undefined, why: string): Origin | undefined {
  return origin ? { ...origin, chain: [why, ...origin.chain] } : undefined;
}

/**
 * For import/export-specifier declarations: the SDK origin, `null` when the declaration is an
 * import of something else that must be followed through its alias, `undefined` when `decl` is not
 * an import at all.
 */
function importOrigin(decl: Node, state: TraceState): Origin | null | undefined {
  const moduleDecl = decl.getFirstAncestor((n) => Node.isImportDeclaration(n) || Node.isExportDeclaration(n));
  const isImportPart = Node.isImportSpecifier(decl) || Node.isImportClause(decl) || Node.isNamespaceImport(decl) || Node.isExportSpecifier(decl) || Node.isImportEqualsDeclaration(decl);
  if (!isImportPart) return undefined;
  if (Node.isImportEqualsDeclaration(decl)) {
    const ref = decl.getModuleReference();
    if (Node.isExternalModuleReference(ref)) {
      const arg = ref.getExpression();
      if (arg && Node.isStringLiteral(arg)) return sdkImport(arg.getLiteralValue(), '*', decl, state) ?? null;
    }
    return null;
  }
  if (!moduleDecl) return null;
  const specifier = Node.isImportDeclaration(moduleDecl) ? moduleDecl.getModuleSpecifierValue() : moduleDecl.getModuleSpecifierValue();
  if (specifier === undefined) {
    // `export { llm }` of a local binding: follow the local symbol.
    if (Node.isExportSpecifier(decl)) {
      const local = decl.getLocalTargetSymbol();
      return local ? traceSymbol(local, state) ?? null : null;
    }
    return null;
  }
  let exportName = '*';
  if (Node.isImportSpecifier(decl) || Node.isExportSpecifier(decl)) exportName = (decl.getAliasNode() ? decl.getNameNode().getText() : decl.getName());
  else if (Node.isImportClause(decl)) exportName = 'default';
  const origin = sdkImport(specifier, exportName, decl, state);
  if (origin) return origin;
  // A workspace module: follow what it exports.
  if (Node.isImportSpecifier(decl) || Node.isExportSpecifier(decl) || Node.isImportClause(decl)) {
    const id = Node.isImportClause(decl) ? decl.getDefaultImport() : decl.getNameNode();
    const symbol = id?.getSymbol();
    const aliased = symbol?.isAlias() ? symbol.getImmediatelyAliasedSymbol() : undefined;
    if (aliased && aliased !== symbol) {
      const followed = traceSymbol(aliased, state);
      if (followed) return withWhy(followed, `imported from '${specifier}' (${loc(decl, state)})`) ?? null;
    }
  }
  return null;
}

function sdkImport(specifier: string, exportName: string, decl: Node, state: TraceState): Origin | undefined {
  if (!state.opts.packages.some((pkg) => isPackageSpecifier(specifier, pkg))) return undefined;
  const name = exportName === 'default' ? 'default import' : exportName === '*' ? 'namespace' : `\`${exportName}\``;
  return { module: specifier, exportName, steps: [], chain: [`${name} of '${specifier}' (${loc(decl, state)})`] };
}

function traceValueHolder(decl: Node, state: TraceState): Origin | undefined {
  if (!(Node.isVariableDeclaration(decl) || Node.isPropertyDeclaration(decl) || Node.isPropertySignature(decl) || Node.isParameterDeclaration(decl))) return undefined;
  const name = decl.getName();
  const why = `\`${name}\` (${loc(decl, state)})`;
  const init = Node.isPropertySignature(decl) ? undefined : decl.getInitializer();
  const fromInit = init ? trace(init, state) : undefined;
  if (fromInit) return withWhy(fromInit, why);
  const typeNode = decl.getTypeNode();
  const fromType = typeNode ? traceTypeNode(typeNode, state) : undefined;
  if (fromType) return withWhy(fromType, `${why} typed as \`${short(typeNode as Node)}\``);
  if (Node.isPropertyDeclaration(decl)) return traceAssignedField(decl.getName(), decl, state);
  return undefined;
}

/** `this.client = new OpenAI()` in a constructor or method of the class declaring the field. */
function traceAssignedField(name: string, decl: Node, state: TraceState): Origin | undefined {
  const cls = decl.getFirstAncestor(Node.isClassDeclaration) ?? decl.getFirstAncestor(Node.isClassExpression);
  if (!cls) return undefined;
  let found: Origin | undefined;
  cls.forEachDescendant((child, traversal) => {
    if (found) {
      traversal.stop();
      return;
    }
    if (!Node.isBinaryExpression(child) || child.getOperatorToken().getText() !== '=') return;
    const left = child.getLeft();
    if (Node.isPropertyAccessExpression(left) && Node.isThisExpression(left.getExpression()) && left.getName() === name) {
      found = withWhy(trace(child.getRight(), state), `\`this.${name}\` assigned (${loc(child, state)})`);
    }
  });
  return found;
}

/** A type annotation naming an SDK class (`client: Anthropic`, `llm?: OpenAI | undefined`). */
function traceTypeNode(typeNode: TypeNode, state: TraceState): Origin | undefined {
  if (Node.isUnionTypeNode(typeNode)) {
    for (const member of typeNode.getTypeNodes()) {
      const origin = traceTypeNode(member, state);
      if (origin) return origin;
    }
    return undefined;
  }
  if (!Node.isTypeReference(typeNode)) return undefined;
  const typeName = typeNode.getTypeName();
  const base = Node.isIdentifier(typeName) ? traceIdentifier(typeName, state) : traceQualifiedName(typeName, state);
  if (!base) return undefined;
  return extend(base, { kind: 'new', node: undefined });
}

function traceQualifiedName(name: Node, state: TraceState): Origin | undefined {
  if (!Node.isQualifiedName(name)) return undefined;
  const left = name.getLeft();
  const base = Node.isIdentifier(left) ? traceIdentifier(left, state) : traceQualifiedName(left, state);
  return base ? extend(base, { kind: 'prop', name: name.getRight().getText() }) : undefined;
}

/** `const { create } = client.messages`, `const { OpenAI } = require('openai')`. */
function traceBindingElement(element: Node, state: TraceState): Origin | undefined {
  if (!Node.isBindingElement(element)) return undefined;
  const key = element.getPropertyNameNode()?.getText() ?? element.getName();
  const pattern = element.getParent();
  const holder = pattern?.getParent();
  let base: Origin | undefined;
  if (holder && Node.isVariableDeclaration(holder)) {
    const init = holder.getInitializer();
    base = init ? trace(init, state) : undefined;
    if (!base) {
      const typeNode = holder.getTypeNode();
      base = typeNode ? traceTypeNode(typeNode, state) : undefined;
    }
  } else if (holder && Node.isBindingElement(holder)) {
    base = traceBindingElement(holder, state);
  } else if (holder && Node.isParameterDeclaration(holder)) {
    const typeNode = holder.getTypeNode();
    base = typeNode ? traceTypeNode(typeNode, state) : undefined;
  }
  if (!base) return undefined;
  return extend(base, { kind: 'prop', name: key }, `destructured \`${key}\` (${loc(element, state)})`);
}

/** `this.client`, `deps.llm`: the declaration of the member name. */
function traceMemberDeclaration(nameNode: Node, state: TraceState): Origin | undefined {
  const symbol = nameNode.getSymbol();
  if (!symbol) return undefined;
  return traceSymbol(symbol, state);
}

/**
 * True when `node` is a variable initialised with a literal object or function merely cast to a
 * type (`{ messages: { create } } as unknown as Anthropic`): a mock, whatever its declared type.
 */
function isCastLiteral(node: Node): boolean {
  if (!Node.isIdentifier(node)) return false;
  for (const decl of node.getSymbol()?.getDeclarations() ?? []) {
    if (!Node.isVariableDeclaration(decl)) continue;
    const init = decl.getInitializer();
    const value = init ? strip(init) : undefined;
    if (value && (Node.isObjectLiteralExpression(value) || Node.isArrowFunction(value) || Node.isFunctionExpression(value))) return true;
  }
  return false;
}

/**
 * The type checker's view: when the SDK's declarations resolved, the declared type of `expr` is a
 * class from an SDK package (`Anthropic` in node_modules/@anthropic-ai/sdk). Used for receivers the
 * declarations cannot explain (inferred return types of other modules, generic containers).
 */
export function typeOrigin(expr: Node, opts: TraceOptions): Origin | undefined {
  let type;
  try {
    type = expr.getType();
  } catch {
    return undefined;
  }
  // In the lean program an SDK client's type is unresolved: the full program must decide.
  if (isUnresolvedType(type)) opts.ctx.typeGap?.(expr);
  const symbol = type.getSymbol() ?? type.getAliasSymbol();
  for (const decl of symbol?.getDeclarations() ?? []) {
    const file: SourceFile = decl.getSourceFile();
    const path = file.getFilePath();
    const pkg = opts.packages.find((p) => path.includes(`/node_modules/${p}/`));
    if (!pkg || !Node.isClassDeclaration(decl)) continue;
    const name = decl.getName() ?? 'default';
    return {
      module: pkg,
      exportName: name,
      steps: [{ kind: 'new', node: undefined }],
      chain: [`type of \`${short(expr)}\` is \`${name}\` from '${pkg}' (type checker)`],
    };
  }
  return undefined;
}

/** The steps after the last instantiation, as property names (`['messages', 'create']`), or undefined if a call intervenes. */
export function memberPathAfterNew(origin: Origin): { creation: NewExpression | undefined; path: string[] } | undefined {
  const index = origin.steps.findIndex((step) => step.kind === 'new');
  if (index < 0 || origin.steps.slice(0, index).length > 0) return undefined;
  const path: string[] = [];
  for (const step of origin.steps.slice(index + 1)) {
    if (step.kind !== 'prop') return undefined;
    path.push(step.name);
  }
  const creation = origin.steps[index];
  return { creation: creation.kind === 'new' ? creation.node : undefined, path };
}
