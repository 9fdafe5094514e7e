import type { Root } from 'mdast';
import type { VFile } from 'vfile';
import { parse } from 'yaml';
import { codes, reportError } from '../../diagnostics/index.js';
import { frontMatterSchema } from '../front-matter.js';

/**
 * Read the brief's YAML front matter (parsed by remark-frontmatter) into `file.data.matter`,
 * validated; remove it from the tree. A brief without `lang` takes `options.lang` (the
 * collection's language), else `en`.
 */
export default function remarkFrontMatterData(options: { readonly lang?: string } = {}) {
  return (tree: Root, file: VFile) => {
    const index = tree.children.findIndex((node) => node.type === 'yaml');
    const node = tree.children[index];
    const place = node?.position ?? { line: 1, column: 1 };
    let data: unknown;
    try {
      data = node && node.type === 'yaml' ? parse(node.value, { uniqueKeys: true }) : undefined;
    } catch (error) {
      const detail = error instanceof Error ? error.message.split('\n')[0]! : String(error);
      reportError(file, codes.frontMatterInvalid, [file.path, detail], { place, stage: 'markdown', cause: error });
      return;
    }
    if (index >= 0) tree.children.splice(index, 1);
    const result = frontMatterSchema.safeParse(data ?? undefined);
    if (!result.success) {
      const detail = result.error.issues
        .map((issue) => (issue.path.length > 0 ? `\`${issue.path.join('.')}\`: ${issue.message}` : issue.message))
        .join('; ');
      reportError(file, codes.frontMatterInvalid, [file.path, data === undefined ? 'there is none' : detail], { place, stage: 'markdown' });
      return;
    }
    const given = typeof data === 'object' && data !== null && 'lang' in data;
    file.data.matter = !given && options.lang ? { ...result.data, lang: options.lang } : result.data;
  };
}
