// Writes the JSON Schemas of briefs.yaml, sources.yaml and facts.yaml into schemas/, generated
// from the Zod schemas the tool validates them with (z.toJSONSchema), so an editor with the YAML
// language server completes and checks them. `npm run schemas`; a unit test fails when they are stale.
import { writeFile } from 'node:fs/promises';
import { jsonSchemas } from '../src/collection/json-schemas.js';

for (const [file, schema] of Object.entries(jsonSchemas())) {
  await writeFile(new URL(`../schemas/${file}`, import.meta.url), `${JSON.stringify(schema, null, 2)}\n`);
  console.log(`schemas/${file}`);
}
