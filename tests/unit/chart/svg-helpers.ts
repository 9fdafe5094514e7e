import type { Element, ElementContent, Root } from 'hast';

/** Every element under `node` (itself included) that passes `test`, in document order. */
export function elements(node: Element | Root, test: (element: Element) => boolean = () => true): Element[] {
  const found: Element[] = node.type === 'element' && test(node) ? [node] : [];
  for (const child of node.children) if (child.type === 'element') found.push(...elements(child, test));
  return found;
}

/** The text of a node. */
export function textOf(node: ElementContent | Element): string {
  if (node.type === 'text') return node.value;
  if (node.type !== 'element') return '';
  return node.children.map(textOf).join('');
}

export const hasClass = (element: Element, name: string): boolean =>
  Array.isArray(element.properties.className) && element.properties.className.includes(name);

/** The group of Vega marks or axis parts with this class (`mark-line`, `role-axis-label` …). */
export const groups = (svg: Element, name: string): Element[] => elements(svg, (element) => element.tagName === 'g' && hasClass(element, name));

/** The `translate(x,y)` of an element's transform. */
export function translation(element: Element): { x: number; y: number } {
  const match = /translate\(([-\d.e]+),([-\d.e]+)\)/.exec(String(element.properties.transform ?? ''));
  if (!match) throw new Error(`no translate() in ${String(element.properties.transform)}`);
  return { x: Number(match[1]), y: Number(match[2]) };
}

/** The x coordinates of a line path's points (`M16,90L31.7,24…`). */
export function pathXs(path: Element): number[] {
  return [...String(path.properties.d).matchAll(/[ML]([-\d.e]+),([-\d.e]+)/g)].map((match) => Number(match[1]));
}

/** The panel SVGs of a chart figure. */
export const panelsOf = (figure: Element): Element[] => elements(figure, (element) => element.tagName === 'svg' && hasClass(element, 'chart-panel'));

/** Value labels drawn in a panel (text marks, not axis labels or titles), with their anchor. */
export function valueLabels(svg: Element): { text: string; x: number; y: number; anchor: string }[] {
  return groups(svg, 'mark-text')
    .filter((group) => hasClass(group, 'role-mark'))
    .flatMap((group) => elements(group, (element) => element.tagName === 'text'))
    .map((text) => ({ text: textOf(text), ...translation(text), anchor: String(text.properties.textAnchor ?? 'start') }));
}

/** Year labels of a panel's x axis (centred under their tick; the value axis's are end-aligned), with their x. */
export function yearLabels(svg: Element): { year: number; x: number }[] {
  return groups(svg, 'role-axis-label')
    .flatMap((group) => elements(group, (element) => element.tagName === 'text' && element.properties.textAnchor === 'middle'))
    .map((text) => ({ year: Number(textOf(text)), x: translation(text).x }));
}
