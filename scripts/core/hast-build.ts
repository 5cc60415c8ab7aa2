import type { Element, ElementContent } from 'hast';

/** A text node of an HTML tree. */
export const text = (value: string): ElementContent => ({ type: 'text', value });

/** An element of an HTML tree. */
export const element = (tagName: string, properties: Element['properties'], children: ElementContent[]): Element => ({
  type: 'element',
  tagName,
  properties,
  children,
});
