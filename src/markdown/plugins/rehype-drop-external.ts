import type { Element, Root } from 'hast';
import { SKIP, visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { codes, createMessage } from '../../diagnostics/index.js';

declare module 'vfile' {
  interface DataMap {
    /** The template line each Markdown line comes from (set by the caller), to locate messages. */
    templateLines: readonly number[];
  }
}

// Elements that load what they name: in a brief, only a data: URL made at build time may stay.
const loading = new Map([
  ['img', 'src'],
  ['video', 'src'],
  ['audio', 'src'],
  ['source', 'src'],
  ['track', 'src'],
  ['picture', 'srcset'],
]);

/**
 * Remove every element that would load something from outside the brief (an image from a
 * statement's `![x](http://…)` or a template's), with a warning at the template line: an HTML
 * brief opened in a browser must make no request. Runs before the sanitizer, which would keep
 * an http(s) image.
 */
export default function rehypeDropExternal() {
  return (tree: Root, file: VFile) => {
    visit(tree, 'element', (node: Element, index, parent) => {
      const attribute = loading.get(node.tagName);
      if (!attribute || !parent || index === undefined) return;
      const url = String(node.properties[attribute === 'srcset' ? 'srcSet' : 'src'] ?? '');
      if (url.startsWith('data:')) return;
      const line = node.position?.start.line;
      const templateLine = line === undefined ? undefined : (file.data.templateLines?.[line - 1] ?? line);
      const message = createMessage(codes.externalResource, [node.tagName, url], {
        stage: 'markdown',
        ...(templateLine !== undefined ? { place: { line: templateLine, column: 1 } } : {}),
      });
      message.fatal = false;
      message.file = file.path;
      file.messages.push(message);
      parent.children.splice(index, 1);
      return [SKIP, index];
    });
  };
}
