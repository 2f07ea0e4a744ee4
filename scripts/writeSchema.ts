// Writes schemas/tierwise.schema.json from src/engine/config/schema.ts.
// Run: node --import tsx scripts/writeSchema.ts   (a unit test fails when the file is out of date)
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { TIERWISE_SCHEMA } from '../src/engine/config/schema';

const out = join(__dirname, '..', 'schemas', 'tierwise.schema.json');
writeFileSync(out, `${JSON.stringify(TIERWISE_SCHEMA, null, 2)}\n`);
console.log(`wrote ${out}`);
