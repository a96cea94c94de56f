import type { Category, PlacedCategory } from './taxonomy-types.ts';

const byName = (a: Category, b: Category) => a.name.localeCompare(b.name);

/**
 * The categories as a tree, each level by name. A category whose parent is missing from the list
 * is shown at the top, so nothing ever disappears from the screen.
 *
 * @example
 * buildTree([{ id: 'a', name: 'Sport', parent_id: null }, { id: 'b', name: 'Football', parent_id: 'a' }])
 * // [{ category: Sport, depth: 0, children: [{ category: Football, depth: 1, children: [] }] }]
 */
export function buildTree(categories: Category[]): PlacedCategory[] {
  const ids = new Set(categories.map((category) => category.id));
  const childrenOf = new Map<string | null, Category[]>();
  for (const category of categories) {
    const parent = category.parent_id && ids.has(category.parent_id) ? category.parent_id : null;
    childrenOf.set(parent, [...(childrenOf.get(parent) ?? []), category]);
  }
  const seen = new Set<string>();
  const place = (parent: string | null, depth: number): PlacedCategory[] =>
    [...(childrenOf.get(parent) ?? [])].sort(byName).flatMap((category) => {
      if (seen.has(category.id)) return [];
      seen.add(category.id);
      return [{ category, depth, children: place(category.id, depth + 1) }];
    });
  return place(null, 0);
}

/** The tree flattened in reading order (parents before their children). */
export const flatten = (tree: PlacedCategory[]): PlacedCategory[] =>
  tree.flatMap((node) => [node, ...flatten(node.children)]);

/** The ids of a category and everything under it: none of them may become its parent. */
export function branchIds(tree: PlacedCategory[], id: string): Set<string> {
  const node = flatten(tree).find((placed) => placed.category.id === id);
  return new Set(node ? flatten([node]).map((placed) => placed.category.id) : [id]);
}
