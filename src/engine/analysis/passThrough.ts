/**
 * Pass-through functions of packages: a function declared (in a declaration file, typically a
 * package in node_modules) to return the type of its first argument is a wrapper around that value.
 * Tracing and observability libraries wrap SDK clients this way:
 *
 * - `wrapSDK<T>(sdk: T): T` and `wrapAISDK<T>(ai: T): T` (langsmith);
 * - `wrapOpenAI<T>(openai: T): PatchedOpenAIClient<T>`, where `type PatchedOpenAIClient<T> = T & {...}`;
 * - `wrapAnthropic`, `wrapGemini` (the same shape).
 *
 * The rule reads the declaration, not the checker's computed type: the first parameter is typed by a
 * type parameter `T` of the function, and the return type is `T`, an intersection with `T` as a
 * member, or a type alias instantiated with `T` whose own definition is such an intersection. A
 * function returning `Promise<T>`, `T[]`, `Partial<T>` or `T | undefined` does not qualify: its
 * result is not the argument. Only declarations without a body count (workspace functions are
 * followed through what they return instead). The package's declarations must have been loaded,
 * which happens in the full program (see programs.ts).
 */
import { Node } from 'ts-morph';
import type { CallExpression, TypeNode } from 'ts-morph';

/** What a pass-through call passes: the argument expression and the declaration that says so. */
export interface PassThrough {
  argument: Node;
  /** The declaration as written (`wrapOpenAI: <T extends OpenAIType>(openai: T, ...) => PatchedOpenAIClient<T>`), trimmed. */
  declared: string;
}

const MAX_ALIAS_DEPTH = 4;

/** The first argument of `call` when its callee is declared as a pass-through of that argument. */
export function passThroughArgument(call: CallExpression): PassThrough | undefined {
  const argument = call.getArguments()[0];
  if (!argument || Node.isSpreadElement(argument)) return undefined;
  const callee = call.getExpression();
  const nameNode = Node.isPropertyAccessExpression(callee) ? callee.getNameNode() : callee;
  if (!Node.isIdentifier(nameNode)) return undefined;
  let symbol = nameNode.getSymbol();
  if (symbol?.isAlias()) symbol = symbol.getAliasedSymbol() ?? symbol;
  for (const decl of symbol?.getDeclarations() ?? []) {
    if (!decl.getSourceFile().isDeclarationFile()) continue;
    const signature = signatureOf(decl);
    if (signature && passesFirstParameter(signature)) return { argument, declared: declaredText(decl) };
  }
  return undefined;
}

interface Signature {
  typeParameters: string[];
  firstParameterType: TypeNode | undefined;
  returnType: TypeNode | undefined;
}

/** `declare function f<T>(x: T): R` or `declare const f: <T>(x: T) => R`. */
function signatureOf(decl: Node): Signature | undefined {
  if (Node.isFunctionDeclaration(decl) && !decl.hasBody()) {
    return {
      typeParameters: decl.getTypeParameters().map((p) => p.getName()),
      firstParameterType: decl.getParameters()[0]?.getTypeNode(),
      returnType: decl.getReturnTypeNode(),
    };
  }
  if (Node.isVariableDeclaration(decl)) {
    const type = decl.getTypeNode();
    if (type && Node.isFunctionTypeNode(type)) {
      return {
        typeParameters: type.getTypeParameters().map((p) => p.getName()),
        firstParameterType: type.getParameters()[0]?.getTypeNode(),
        returnType: type.getReturnTypeNode(),
      };
    }
  }
  return undefined;
}

function passesFirstParameter(signature: Signature): boolean {
  const first = signature.firstParameterType;
  if (!first || !Node.isTypeReference(first) || first.getTypeArguments().length > 0) return false;
  const name = first.getTypeName().getText();
  if (!signature.typeParameters.includes(name) || !signature.returnType) return false;
  return returnsParameter(signature.returnType, name, 0);
}

/** True when a value of type `node` is (at least) the value typed by type parameter `param`. */
function returnsParameter(node: TypeNode, param: string, depth: number): boolean {
  if (Node.isParenthesizedTypeNode(node)) return returnsParameter(node.getTypeNode(), param, depth);
  if (Node.isIntersectionTypeNode(node)) return node.getTypeNodes().some((member) => returnsParameter(member, param, depth));
  if (!Node.isTypeReference(node)) return false;
  const args = node.getTypeArguments();
  if (args.length === 0) return node.getTypeName().getText() === param;
  // `Patched<T>`: the alias's own parameter at T's position must pass through its definition.
  if (depth >= MAX_ALIAS_DEPTH) return false;
  const index = args.findIndex((arg) => Node.isTypeReference(arg) && arg.getTypeArguments().length === 0 && arg.getTypeName().getText() === param);
  if (index < 0) return false;
  const typeName = node.getTypeName();
  const aliasName = Node.isIdentifier(typeName) ? typeName : typeName.getRight();
  let symbol = aliasName.getSymbol();
  if (symbol?.isAlias()) symbol = symbol.getAliasedSymbol() ?? symbol;
  return (symbol?.getDeclarations() ?? []).some((decl) => {
    if (!Node.isTypeAliasDeclaration(decl)) return false;
    const own = decl.getTypeParameters()[index]?.getName();
    const body = decl.getTypeNode();
    return own !== undefined && body !== undefined && returnsParameter(body, own, depth + 1);
  });
}

function declaredText(decl: Node): string {
  const text = decl.getText().replace(/\s+/g, ' ');
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}
