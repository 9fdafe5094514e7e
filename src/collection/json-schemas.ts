import { z } from 'zod';
import { factsFileSchema } from '../facts/schema.js';
import { bibliographySchema } from '../ingest/bibliography.js';
import { collectionSchema } from './schema.js';

/** A JSON Schema of what a YAML file may say (its input: before defaults and transforms). */
function inputSchema(schema: z.ZodType, title: string, description: string): Record<string, unknown> {
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any', target: 'draft-2020-12' }) as Record<string, unknown>;
  return { ...json, title, description };
}

/** The JSON Schemas of the three files a collection is made of, by file name in schemas/. */
export function jsonSchemas(): Record<string, Record<string, unknown>> {
  return {
    'briefs.schema.json': inputSchema(collectionSchema, 'briefs.yaml', 'A collection of policy briefs: its title, publisher, language, print settings and metrics.'),
    'sources.schema.json': inputSchema(bibliographySchema, 'sources.yaml', 'The bibliography: one entry per source document, CSL-JSON fields with a few of the tool’s own.'),
    'facts.schema.json': inputSchema(factsFileSchema, 'facts.yaml', 'The curated facts: statements, each resting on verbatim quotes of the sources.'),
  };
}
