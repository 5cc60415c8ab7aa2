/**
 * SVG shapes that miss an attribute SVG 1.1 requires draw nothing in a browser, and EPUB 3's
 * checker refuses the file they are in (`<path>` without `d`, as some drawing tools export an
 * empty shape). For each element: the attributes of which one missing leaves it empty.
 */
const NEEDS: Record<string, string[]> = {
  path: ['d'],
  polygon: ['points'],
  polyline: ['points'],
  rect: ['width', 'height'],
  circle: ['r'],
};

/** Whether an SVG element (by its local name and attributes) draws nothing for want of a required attribute. */
export function isEmptyShape(name: string, attributes: Record<string, unknown>): boolean {
  const needed = NEEDS[name];
  return needed !== undefined && needed.some((attribute) => attributes[attribute] === undefined);
}

/** The empty shapes of an SVG's text, by element name and count, found without parsing it (for checking). */
export function emptyShapesIn(svg: string): Map<string, number> {
  const found = new Map<string, number>();
  for (const match of svg.matchAll(/<(?:svg:)?(path|polygon|polyline|rect|circle)\b([^>]*)>/g)) {
    const attributes = Object.fromEntries([...match[2].matchAll(/([\w:-]+)\s*=/g)].map((m) => [m[1], true]));
    if (isEmptyShape(match[1], attributes)) found.set(match[1], (found.get(match[1]) ?? 0) + 1);
  }
  return found;
}
