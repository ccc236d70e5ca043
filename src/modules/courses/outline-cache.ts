import type { EntityManager } from '@mikro-orm/postgresql';
import { loadOutlineIndex, type OutlineIndex } from './outline-index.js';

/** Past this many outlines of one catalog version (one per course asked for), the cache starts over. */
const MAX_ENTRIES = 512;

/**
 * The reports' outline index, cached per process under the catalog version it was loaded at
 * (`catalog_version`, replaced by database triggers in every transaction that writes the catalog,
 * whichever instance or tool writes it: `sql/triggers/catalog-version.sql`). Each request reads the
 * version (one small round trip instead of the outline's three) and uses the cache only while it is
 * unchanged. The version is read before the outline: an outline loaded meanwhile is at least as new
 * as its key, so it is never served for a catalog newer than the one it shows.
 */
export class OutlineCache {
  private version: string | null = null;
  private readonly entries = new Map<string, Promise<OutlineIndex>>();

  async get(em: EntityManager, courseId?: string): Promise<OutlineIndex> {
    const [row] = await em
      .getConnection()
      .execute<{ version: string }[]>('SELECT version FROM catalog_version WHERE id = 1');
    // Without the row (deleted by hand) nothing tells a change: no caching.
    if (!row) return loadOutlineIndex(em, courseId);
    if (row.version !== this.version || this.entries.size >= MAX_ENTRIES) {
      this.entries.clear();
      this.version = row.version;
    }
    const key = courseId ?? '';
    let entry = this.entries.get(key);
    if (!entry) {
      entry = loadOutlineIndex(em, courseId).then(freeze);
      this.entries.set(key, entry);
      const stored = entry;
      entry.catch(() => {
        if (this.entries.get(key) === stored) this.entries.delete(key);
      });
    }
    return entry;
  }
}

/** Shared by every report of this version: nobody may change it. */
function freeze(index: OutlineIndex): OutlineIndex {
  for (const list of [index.courses, index.modules, index.classes]) {
    for (const item of list) Object.freeze(item);
    Object.freeze(list);
  }
  return Object.freeze(index);
}
