// Writes the files generated from src/engine/config/schema.ts:
//  - schemas/tierwise.schema.json (the published JSON Schema, for editors' YAML completion);
//  - src/engine/config/validateSchema.generated.ts (ajv's standalone validator for the schema:
//    compiling the schema at run time costs ~100-130 ms on every CLI start and on the editor's
//    first file; the precompiled function costs nothing to load).
// Run: node --import tsx scripts/writeSchema.ts   (a unit test fails when either file is out of date)
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { TIERWISE_SCHEMA } from '../src/engine/config/schema';
import { publishedSchema, standaloneValidatorSource } from './schemaOutputs';

const root = join(__dirname, '..');
const files: Array<[string, string]> = [
  [join(root, 'schemas', 'tierwise.schema.json'), publishedSchema(TIERWISE_SCHEMA)],
  [join(root, 'src', 'engine', 'config', 'validateSchema.generated.ts'), standaloneValidatorSource(TIERWISE_SCHEMA)],
];
for (const [path, text] of files) {
  writeFileSync(path, text);
  console.log(`wrote ${path}`);
}
