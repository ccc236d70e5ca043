import type pg from 'pg';
import { quoteIdent } from '../setup/test-postgres.js';

/** A function, aggregate or trigger the app owns, as the catalog describes it. */
export interface DatabaseRoutine {
  /** 'function name(args)', 'aggregate name(args)' or 'trigger name on table'. */
  key: string;
  /** The object's bare name, as SQL text mentions it. */
  name: string;
  /** What PostgreSQL reports of it (pg_get_functiondef, pg_get_triggerdef, pg_aggregate). */
  definition: string;
  /** A statement that drops it alone (no CASCADE, so nothing depending on it goes silently). */
  drop: string;
  /** Triggers go first, then aggregates, then the functions they use. */
  dropOrder: number;
}

/**
 * Every routine of the `public` schema that is not an extension's (functions, procedures,
 * aggregates), and every user trigger on a `public` table (not the internal ones behind foreign
 * keys, nor the copies PostgreSQL makes on partitions), keyed by `key`.
 */
export async function databaseRoutines(client: pg.ClientBase): Promise<Map<string, DatabaseRoutine>> {
  const routines = await client.query<{ kind: string; name: string; signature: string; definition: string }>(
    `SELECT CASE p.prokind WHEN 'a' THEN 'aggregate' WHEN 'p' THEN 'procedure' ELSE 'function' END AS kind,
            p.proname AS name, p.oid::regprocedure::text AS signature,
            CASE WHEN p.prokind = 'a' THEN (
              SELECT jsonb_build_object(
                'kind', a.aggkind, 'directArgs', a.aggnumdirectargs,
                'sfunc', a.aggtransfn::oid::regprocedure::text, 'stype', a.aggtranstype::regtype::text,
                'initcond', a.agginitval, 'sspace', a.aggtransspace,
                'finalfunc', nullif(a.aggfinalfn::oid, 0)::regprocedure::text,
                'finalExtra', a.aggfinalextra, 'finalModify', a.aggfinalmodify,
                'combinefunc', nullif(a.aggcombinefn::oid, 0)::regprocedure::text,
                'serialfunc', nullif(a.aggserialfn::oid, 0)::regprocedure::text,
                'deserialfunc', nullif(a.aggdeserialfn::oid, 0)::regprocedure::text,
                'msfunc', nullif(a.aggmtransfn::oid, 0)::regprocedure::text,
                'minvfunc', nullif(a.aggminvtransfn::oid, 0)::regprocedure::text,
                'mfinalfunc', nullif(a.aggmfinalfn::oid, 0)::regprocedure::text,
                'mstype', nullif(a.aggmtranstype, 0)::regtype::text, 'minitcond', a.aggminitval,
                'sortop', nullif(a.aggsortop, 0)::regoperator::text,
                'parallel', p.proparallel, 'strict', p.proisstrict, 'volatility', p.provolatile)::text
              FROM pg_aggregate a WHERE a.aggfnoid = p.oid)
            ELSE pg_get_functiondef(p.oid) END AS definition
     FROM pg_proc p
     WHERE p.pronamespace = 'public'::regnamespace
       AND NOT EXISTS (SELECT 1 FROM pg_depend d
                       WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e')`,
  );
  const triggers = await client.query<{ name: string; tbl: string; definition: string }>(
    `SELECT t.tgname AS name, t.tgrelid::regclass::text AS tbl,
            pg_get_triggerdef(t.oid) || ' -- enabled: ' || t.tgenabled::text AS definition
     FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
     WHERE NOT t.tgisinternal AND t.tgparentid = 0 AND c.relnamespace = 'public'::regnamespace`,
  );
  const all: DatabaseRoutine[] = [
    ...triggers.rows.map((t) => ({
      key: `trigger ${t.name} on ${t.tbl}`,
      name: t.name,
      definition: t.definition,
      drop: `DROP TRIGGER ${quoteIdent(t.name)} ON ${t.tbl}`,
      dropOrder: 0,
    })),
    ...routines.rows.map((r) => ({
      key: `${r.kind} ${r.signature}`,
      name: r.name,
      definition: r.definition,
      drop: `DROP ROUTINE ${r.signature}`,
      dropOrder: r.kind === 'aggregate' ? 1 : 2,
    })),
  ];
  return new Map(all.sort((a, b) => a.key.localeCompare(b.key)).map((r) => [r.key, r]));
}

/** Drops them all (in an order their dependencies allow). */
export async function dropRoutines(
  client: pg.ClientBase,
  routines: Iterable<DatabaseRoutine>,
): Promise<void> {
  for (const routine of [...routines].sort((a, b) => a.dropOrder - b.dropOrder)) {
    await client.query(routine.drop);
  }
}

/** key → definition, for comparisons that show the differing text. */
export const definitions = (routines: Map<string, DatabaseRoutine>) =>
  Object.fromEntries([...routines].map(([key, r]) => [key, r.definition]));
