import { fromHtml } from 'hast-util-from-html';
import { toMdast } from 'hast-util-to-mdast';
import { describe, expect, it } from 'vitest';
import { htmlToPhrasing } from '../../../src/markdown/plugins/remark-citations.js';

/** What parsing the HTML gives: the reference the shortcut for plain text must match. */
function parsed(html: string) {
  const mdast = toMdast(fromHtml(html, { fragment: true }));
  if (mdast.type !== 'root') return [];
  const first = mdast.children[0];
  if (mdast.children.length === 1 && first?.type === 'paragraph') return first.children;
  return mdast.children.filter((node) => node.type !== 'paragraph');
}

const strip = (nodes: unknown) => JSON.parse(JSON.stringify(nodes, (key, value) => (key === 'position' ? undefined : value)));

describe('htmlToPhrasing', () => {
  it.each([
    '“Prostitution in Kosovo,” ¶ 4.',
    'US Department of State, <i>Trafficking in Persons Report 2011</i>, 5.',
    'Smith &#38; Jones, 2016, 3.',
    'Koha Ditore,  “Two  spaces,” 2016.',
    ' leading space',
    'trailing space ',
    'a\nnew line',
    'x',
    'non\u00a0breaking space',
    'a <a href="https://example.org/">link</a>.',
    '1 < 2 and 3 > 2',
  ])('should give what parsing %j gives', (html) => {
    expect(strip(htmlToPhrasing(html))).toEqual(strip(parsed(html)));
  });
});
