/**
 * Type gaps of a lean pass (see programs.ts): where the checker gave a value an unresolved type and
 * the full program might have given it an SDK type. Two syntactic tests keep gaps that cannot change
 * a result from forcing the full program:
 *  - gaps met while detectors try a call that another detector then recognised by import tracing
 *    (the receiver's type is that SDK's, so no other detector could have matched it by type);
 *  - values built from a package that neither is an SDK nor depends on one (`z.object(...)` from
 *    zod, `new PrismaClient()`): its declarations cannot produce an SDK client or model-id type.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Node } from 'ts-morph';
import { isPackageSpecifier } from './prefilter';
import { importedFrom, unwrap } from './resolve/symbols';

/** Collects the gaps of one pass; gaps met while detectors try one call are held until it is decided. */
export class TypeGapLog {
  /** Where gaps that matter were met (`file:line`). */
  readonly found: string[] = [];
  private held: string[] | undefined;
  private readonly packageCache = new Map<string, boolean>();

  constructor(private readonly sdkPackages: readonly string[]) {}

  /** Records a gap at `node` unless its value provably comes from a package unrelated to the SDKs. */
  note(node: Node, where: string): void {
    const pkg = packageOrigin(node, 0);
    if (pkg && !this.mayExposeSdkTypes(pkg, node.getSourceFile().getFilePath(), 0)) return;
    (this.held ?? this.found).push(where);
  }

  /** Starts holding gaps (detectors are about to try one call). */
  hold(): void {
    this.held = [];
  }

  /** Stops holding: the held gaps are dropped when the call was recognised by import tracing, else kept. */
  release(recognisedByTracing: boolean): void {
    if (!recognisedByTracing) this.found.push(...(this.held ?? []));
    this.held = undefined;
  }

  /** True when `pkg` is an SDK or (transitively, a few levels) depends on one; false when not installed. */
  private mayExposeSdkTypes(pkg: string, fromFile: string, depth: number): boolean {
    if (this.sdkPackages.some((sdk) => isPackageSpecifier(pkg, sdk))) return true;
    const cached = this.packageCache.get(pkg);
    if (cached !== undefined) return cached;
    this.packageCache.set(pkg, false);
    const manifest = findManifest(pkg, fromFile);
    // Not installed: its types do not resolve in the full program either.
    const deps = manifest ? dependencyNames(manifest.json) : [];
    const result = depth < 4 && deps.some((dep) => this.mayExposeSdkTypes(dep, manifest?.path ?? fromFile, depth + 1));
    this.packageCache.set(pkg, result);
    return result;
  }
}

/** The bare package a value comes from, following receivers, calls and local initialisers; undefined when not provable. */
function packageOrigin(node: Node, depth: number): string | undefined {
  let current = unwrap(node);
  while (Node.isPropertyAccessExpression(current) || Node.isElementAccessExpression(current) || Node.isCallExpression(current) || Node.isNewExpression(current)) {
    current = unwrap(current.getExpression());
  }
  if (!Node.isIdentifier(current) || depth > 5) return undefined;
  const specifier = importedFrom(current);
  if (specifier !== undefined) return specifier.startsWith('.') || specifier.startsWith('/') ? undefined : packageName(specifier);
  const decls = current.getSymbol()?.getDeclarations() ?? [];
  if (decls.length !== 1 || !Node.isVariableDeclaration(decls[0])) return undefined;
  const init = decls[0].getInitializer();
  return init ? packageOrigin(init, depth + 1) : undefined;
}

/** `@scope/name` or `name` of a bare specifier (`zod/v4` -> `zod`). */
function packageName(specifier: string): string {
  const parts = specifier.replace(/^node:/, '').split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

function findManifest(pkg: string, fromFile: string): { path: string; json: Record<string, unknown> } | undefined {
  for (let dir = dirname(fromFile); ; dir = dirname(dir)) {
    const path = join(dir, 'node_modules', pkg, 'package.json');
    if (existsSync(path)) {
      try {
        return { path, json: JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown> };
      } catch {
        return undefined;
      }
    }
    if (dirname(dir) === dir) return undefined;
  }
}

function dependencyNames(json: Record<string, unknown>): string[] {
  const names = new Set<string>();
  for (const field of ['dependencies', 'peerDependencies', 'optionalDependencies']) {
    const value = json[field];
    if (value && typeof value === 'object') for (const name of Object.keys(value)) names.add(name);
  }
  return [...names];
}
