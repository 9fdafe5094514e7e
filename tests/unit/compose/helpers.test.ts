import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatIsoDate, loadTemplates } from '../../../src/compose/index.js';
import { makeProject, repoRoot } from '../../helpers/project.js';

describe('formatIsoDate', () => {
  it('should write a full date as day, month name and year', () => {
    expect(formatIsoDate('2011-06-27')).toBe('27 June 2011');
  });

  it('should write a month as month name and year', () => {
    expect(formatIsoDate('2010-09')).toBe('September 2010');
  });

  it('should write a year as the year', () => {
    expect(formatIsoDate('2016')).toBe('2016');
  });

  it('should drop a leading zero from the day', () => {
    expect(formatIsoDate('2018-10-08')).toBe('8 October 2018');
  });
});

describe('loadTemplates', () => {
  it('should read briefs, partials, layouts and styles by name', async () => {
    const project = await makeProject();
    const templates = await loadTemplates(project.path('templates'));
    await project.remove();
    expect([...templates.briefs.keys()]).toEqual(['legal-framework', 'tip-assessment', 'unmik-era']);
    expect([...templates.partials.keys()].sort()).toEqual(['dated-list', 'fact-list', 'tip-report']);
    // Layouts and styles are being added by the rendering work: check the ones briefs need.
    expect([...templates.layouts.keys()]).toContain('brief');
    expect([...templates.styles.keys()]).toContain('brief');
    // The collection overrides none of the tool's partials, layouts and styles.
    expect(templates.partials.get('fact-list')?.path).toBe(path.join(repoRoot, 'defaults', 'templates', 'partials', 'fact-list.md.hbs'));
    expect(templates.layouts.get('brief')?.path).toBe(path.join(repoRoot, 'defaults', 'templates', 'layouts', 'brief.html.hbs'));
    const brief = templates.briefs.get('legal-framework');
    expect(brief?.path).toBe(project.path('templates', 'briefs', 'legal-framework.md.hbs'));
    expect(brief?.source).toMatch(/^---\ntitle: Legal framework\n/);
    expect(brief?.digest).toMatch(/^[0-9a-f]{64}$/);
  });

  it('should give no brief, and the built-in partials, layouts and styles, for a folder without templates', async () => {
    const templates = await loadTemplates(path.join(repoRoot, 'no-such-folder'));
    expect(templates.briefs.size).toBe(0);
    expect([...templates.partials.keys()]).toEqual(['dated-list', 'fact-list', 'tip-report']);
    expect([...templates.layouts.keys()]).toEqual(['brief', 'index', 'pack', 'source']);
    expect([...templates.styles.keys()]).toEqual(['brief', 'print', 'screen']);
  });

  it('should take a collection’s file over the built-in one of its name, file by file', async () => {
    const project = await makeProject();
    try {
      await mkdir(project.path('templates', 'styles'));
      await project.write('templates/styles/brief.css', 'h1 { color: red; }\n');
      await project.write('templates/styles/extra.css', 'h2 { color: blue; }\n');
      const templates = await loadTemplates(project.path('templates'));
      expect([...templates.styles.keys()]).toEqual(['brief', 'extra', 'print', 'screen']);
      expect(templates.styles.get('brief')?.source).toBe('h1 { color: red; }\n');
      expect(templates.styles.get('extra')?.path).toBe(project.path('templates', 'styles', 'extra.css'));
      expect(templates.styles.get('print')?.path).toBe(path.join(repoRoot, 'defaults', 'templates', 'styles', 'print.css'));
    } finally {
      await project.remove();
    }
  });
});
