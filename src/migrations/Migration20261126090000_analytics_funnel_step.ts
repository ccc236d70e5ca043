import { Migration } from '@mikro-orm/migrations';

/**
 * The login funnel's transition function, as one call of the built-in array_replace: an event of
 * step s moves every entry standing at s − 1 to s, which is what the loop over the seven entries
 * did, at a fraction of the cost (it runs once per funnel event of the day in the sessions rollup).
 */
export class Migration20261126090000_analytics_funnel_step extends Migration {
  override async up(): Promise<void> {
    this
      .addSql(`create or replace function analytics_funnel_step(state smallint[], step smallint) returns smallint[]
language plpgsql immutable strict as $$
begin
  return array_replace(state, (step - 1)::smallint, step);
end $$;`);
  }

  override async down(): Promise<void> {
    this
      .addSql(`create or replace function analytics_funnel_step(state smallint[], step smallint) returns smallint[]
language plpgsql immutable strict as $$
begin
  for i in 1..7 loop
    if state[i] = step - 1 then
      state[i] := step;
    end if;
  end loop;
  return state;
end $$;`);
  }
}
