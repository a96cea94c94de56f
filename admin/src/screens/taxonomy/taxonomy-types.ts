/** A tag as `/api/admin/tags` shows it. */
export type Tag = {
  id: string;
  name: string;
  slug: string;
  description: string;
  url: string;
};

/** A category: a tag with a place in the tree. */
export type Category = Tag & { parent_id: string | null };

/** A category with its depth in the tree (0 at the top), in reading order. */
export type PlacedCategory = { category: Category; depth: number; children: PlacedCategory[] };
