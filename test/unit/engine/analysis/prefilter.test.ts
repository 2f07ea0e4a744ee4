/** The syntactic pre-filter: SDK imports (ES, require, re-export) and transitive workspace imports. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ts } from 'ts-morph';
import { readImports, selectSdkFiles } from '../../../../src/engine/analysis/prefilter';
import type { FileImports } from '../../../../src/engine/analysis/prefilter';

const SDKS = ['@anthropic-ai/sdk', 'openai', 'ai'];
const options: ts.CompilerOptions = { module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler, allowJs: true };

describe('pre-filter', () => {
  it('reads ES imports, type-only imports, re-exports, require and dynamic import of SDK packages, not comments or strings', () => {
    const text = [
      "import Anthropic from '@anthropic-ai/sdk';",
      "export { OpenAI } from 'openai';",
      "const { generateText } = require('ai');",
      "// import x from 'openai/unused-in-comment'",
      "const s = \"require('@anthropic-ai/bedrock-sdk')\";",
      "import lodash from 'lodash';",
    ].join('\n');
    const facts = readImports('/w/src/a.ts', text, SDKS, options, () => false);
    assert.deepEqual(facts.sdkModules.sort(), ['@anthropic-ai/sdk', 'ai', 'openai']);
  });

  it('selects files importing an SDK and, transitively, files importing those', () => {
    const imports = new Map<string, FileImports>([
      ['/w/clients.ts', { sdkModules: ['openai'], workspaceImports: [] }],
      ['/w/index.ts', { sdkModules: [], workspaceImports: ['/w/clients.ts'] }],
      ['/w/use.ts', { sdkModules: [], workspaceImports: ['/w/index.ts'] }],
      ['/w/math.ts', { sdkModules: [], workspaceImports: [] }],
      ['/w/usesMath.ts', { sdkModules: [], workspaceImports: ['/w/math.ts'] }],
    ]);
    assert.deepEqual([...selectSdkFiles(imports)].sort(), ['/w/clients.ts', '/w/index.ts', '/w/use.ts']);
  });
});
