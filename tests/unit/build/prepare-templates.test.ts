import { rm } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { prepare } from '../../../src/build/prepare.js';
import { builtinTemplatesDir, resolveConfig, type ConfigInput } from '../../../src/config/index.js';
import { BuildError } from '../../../src/diagnostics/index.js';
import { makeProject, repoRoot } from '../../helpers/project.js';

/** The mini fixture, as the bad-input cases use it: its own layout, style and partial, the built-in citation style. */
const miniProject = () => makeProject('mini');

const builtIn = (...parts: string[]) => path.join(repoRoot, 'defaults', 'templates', ...parts);

async function prepareError(root: string, options: ConfigInput = {}): Promise<BuildError> {
  const error: unknown = await prepare(resolveConfig({ root, edition: '2026-11-23', ...options }), { documents: false }).then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(BuildError);
  return error as BuildError;
}

describe('prepare: the templates the build needs', () => {
  it('should find the built-in templates where the tool is', () => {
    expect(builtinTemplatesDir).toBe(builtIn());
  });

  it('should take the collection’s stylesheet over the built-in one of its name, and add the others', async () => {
    const project = await miniProject();
    try {
      const prepared = await prepare(resolveConfig({ root: project.root, edition: '2026-11-23' }), { documents: false });
      expect([...prepared.templates.styles.values()].map((style) => style.path)).toEqual([
        project.path('templates', 'styles', 'brief.css'),
        builtIn('styles', 'print.css'),
        builtIn('styles', 'screen.css'),
      ]);
      expect(prepared.templates.layouts.get('brief')?.path).toBe(project.path('templates', 'layouts', 'brief.html.hbs'));
      expect(prepared.templates.layouts.get('index')?.path).toBe(builtIn('layouts', 'index.html.hbs'));
      expect(prepared.templates.partials.get('list')?.path).toBe(project.path('templates', 'partials', 'list.md.hbs'));
      expect(prepared.style.files).toEqual([builtIn('csl', 'chicago-fullnote-bibliography.csl'), builtIn('csl', 'locales-en-US.xml')]);
    } finally {
      await project.remove();
    }
  });

  it('should fall back to the built-in layout and styles when the collection has none', async () => {
    const project = await miniProject();
    try {
      await rm(project.path('templates', 'styles'), { recursive: true });
      await rm(project.path('templates', 'layouts', 'brief.html.hbs'));
      const prepared = await prepare(resolveConfig({ root: project.root, edition: '2026-11-23' }), { documents: false });
      expect([...prepared.templates.styles.keys()]).toEqual(['brief', 'print', 'screen']);
      expect(prepared.templates.styles.get('brief')?.path).toBe(builtIn('styles', 'brief.css'));
      expect(prepared.templates.layouts.get('brief')?.path).toBe(builtIn('layouts', 'brief.html.hbs'));
    } finally {
      await project.remove();
    }
  });

  it('should name a citation style neither the collection nor the tool has as a missing file of the collection', async () => {
    const project = await miniProject();
    try {
      const error = await prepareError(project.root, { citationStyle: 'no-such-style' });
      expect(error.messages.map((message) => message.ruleId)).toEqual(['file-missing']);
      expect(error.messages[0]!.file).toBe(project.path('templates', 'csl', 'no-such-style.csl'));
      expect(error.messages[0]!.reason).toMatch(/^The file ".*no-such-style\.csl" does not exist or cannot be read\.$/);
    } finally {
      await project.remove();
    }
  });
});
