import { cp, rm } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { prepare } from '../../../src/build/prepare.js';
import { resolveConfig } from '../../../src/config/index.js';
import { BuildError } from '../../../src/diagnostics/index.js';
import { makeProject, repoRoot } from '../../helpers/project.js';

/** The mini fixture with the tool's citation style, as the bad-input cases use it. */
async function miniProject() {
  const project = await makeProject('mini');
  await cp(path.join(repoRoot, 'templates', 'csl'), project.path('templates', 'csl'), { recursive: true });
  return project;
}

async function prepareError(root: string): Promise<BuildError> {
  const error: unknown = await prepare(resolveConfig({ root, edition: '2026-11-23' }), { documents: false }).then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(BuildError);
  return error as BuildError;
}

describe('prepare: the templates the build needs', () => {
  it('should refuse a styles folder without a stylesheet, naming the folder', async () => {
    const project = await miniProject();
    try {
      await rm(project.path('templates', 'styles', 'brief.css'));
      const error = await prepareError(project.root);
      expect(error.messages.map((message) => message.ruleId)).toEqual(['styles-not-found']);
      const message = error.messages[0]!;
      expect(message.file).toBe(project.path('templates', 'styles'));
      expect(message.line).toBeUndefined();
      expect(message.reason).toMatch(/^No stylesheets \(\*\.css\) were found in ".*templates\/styles", so the briefs would print unstyled\.$/);
    } finally {
      await project.remove();
    }
  });

  it('should refuse a templates folder without styles/ at all', async () => {
    const project = await miniProject();
    try {
      await rm(project.path('templates', 'styles'), { recursive: true });
      const error = await prepareError(project.root);
      expect(error.messages.map((message) => message.ruleId)).toEqual(['styles-not-found']);
      expect(error.messages[0]!.file).toBe(project.path('templates', 'styles'));
    } finally {
      await project.remove();
    }
  });

  it('should still name a missing layout as a missing file', async () => {
    const project = await miniProject();
    try {
      await rm(project.path('templates', 'layouts', 'brief.html.hbs'));
      const error = await prepareError(project.root);
      expect(error.messages.map((message) => message.ruleId)).toEqual(['file-missing']);
      expect(error.messages[0]!.file).toBe(project.path('templates', 'layouts', 'brief.html.hbs'));
      expect(error.messages[0]!.reason).toMatch(/^The file ".*brief\.html\.hbs" does not exist or cannot be read\.$/);
    } finally {
      await project.remove();
    }
  });
});
