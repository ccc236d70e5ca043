import { Entity, PrimaryKey, PrimaryKeyProp, Property } from '@mikro-orm/core';

/** Sessions per UTC day that reached each step (1–7) of the login funnel, strictly in order. */
@Entity({ tableName: 'analytics_daily_login_funnel' })
export class DailyLoginFunnel {
  [PrimaryKeyProp]?: ['day', 'step'];

  @PrimaryKey({ type: 'date' })
  day!: string;

  @PrimaryKey({ type: 'smallint' })
  step!: number;

  @Property({ type: 'integer' })
  sessions!: number;
}
