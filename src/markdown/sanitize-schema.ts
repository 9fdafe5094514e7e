import { defaultSchema, type Schema } from 'hast-util-sanitize';

/**
 * What HTML a brief's body may contain after Markdown: GitHub's safe subset (hast-util-sanitize's
 * default schema) plus the note markup remark-rehype writes. Links are http(s), mailto, in-page or
 * relative (the source viewer) only (no `javascript:`); no script, style, iframe, object, embed or form can appear. Raw HTML
 * never gets this far (remark-rehype drops it): this is the second wall.
 */
export const sanitizeSchema: Schema = {
  ...defaultSchema,
  // Ids stay as written: the note links rely on them, and no script runs that clobbering could
  // mislead (the CSP forbids every script).
  clobberPrefix: '',
  clobber: [],
  attributes: {
    ...defaultSchema.attributes,
    '*': [...(defaultSchema.attributes?.['*'] ?? []), 'className'],
    // Classes on links: the note back-links, `passage` on links to the source viewer, `original` on links to the live page.
    a: [
      ...(defaultSchema.attributes?.['a'] ?? []).filter((entry) => !(Array.isArray(entry) && entry[0] === 'className')),
      'id',
      ['className', 'data-footnote-backref', 'passage', 'original'],
    ],
    section: ['dataFootnotes', 'className', 'ariaLabelledBy'],
    h2: ['id', 'className'],
    li: ['id'],
  },
  tagNames: [...(defaultSchema.tagNames ?? []), 'section', 'figure', 'figcaption'],
  protocols: { ...defaultSchema.protocols, href: ['http', 'https', 'mailto'] },
};
