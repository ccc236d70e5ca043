import { describe, expect, it } from '@jest/globals';
import { ConfigError, loadConfig } from './app-config.js';

describe('loadConfig', () => {
  it('gives working defaults for a fresh machine (embedded PostgreSQL, seeding on)', () => {
    const config = loadConfig({});
    expect(config.env).toBe('development');
    expect(config.database.url).toBeUndefined();
    expect(config.database.embedded.dataDir).toMatch(/\.data\/postgres$/);
    expect(config.database.seedOnEmpty).toBe(true);
    expect(config.http).toMatchObject({ port: 3000, bodyLimit: '1mb', trustProxy: false });
  });

  it('parses numbers, booleans and lists from strings', () => {
    const config = loadConfig({
      PORT: '8080',
      MIGRATE_ON_START: 'false',
      CORS_ORIGINS: 'https://a.example.com, https://b.example.com',
      TRUST_PROXY: '1',
    });
    expect(config.http.port).toBe(8080);
    expect(config.database.migrateOnStart).toBe(false);
    expect(config.http.corsOrigins).toEqual(['https://a.example.com', 'https://b.example.com']);
    expect(config.http.trustProxy).toBe(1);
    expect(loadConfig({ TRUST_PROXY: 'true' }).http.trustProxy).toBe(true);
    expect(loadConfig({ TRUST_PROXY: 'loopback, 10.0.0.0/8' }).http.trustProxy).toBe('loopback, 10.0.0.0/8');
  });

  const production = {
    NODE_ENV: 'production',
    JWT_SECRET: 'j'.repeat(32),
    OTP_SECRET: 'o'.repeat(32),
    SMTP_URL: 'smtp://mail.example.com:587',
    ADMIN_SESSION_SECRET: 'a'.repeat(32),
  };

  it('does not seed demo data in production unless asked', () => {
    expect(loadConfig(production).database.seedOnEmpty).toBe(false);
    expect(loadConfig({ ...production, SEED_ON_EMPTY: 'true' }).database.seedOnEmpty).toBe(true);
  });

  it('requires the secrets and a mail server in production, and uses the given ones', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(
      /JWT_SECRET: required in production[\s\S]*OTP_SECRET[\s\S]*SMTP_URL/,
    );
    expect(loadConfig(production).auth.jwtSecret).toBe('j'.repeat(32));
    expect(() => loadConfig({ ...production, JWT_SECRET: 'short' })).toThrow(
      /JWT_SECRET must be at least 32 characters/,
    );
  });

  it('makes up random secrets per process outside production, so a fresh machine just works', () => {
    const a = loadConfig({});
    const b = loadConfig({});
    expect(a.auth.jwtSecret).toHaveLength(43);
    expect(a.auth.jwtSecret).not.toBe(b.auth.jwtSecret);
  });

  it('requires the secrets in production, naming each one', () => {
    const { ADMIN_SESSION_SECRET: _omitted, ...withoutAdminSecret } = production;
    expect(() => loadConfig(withoutAdminSecret)).toThrow(/ADMIN_SESSION_SECRET: required in production/);
    expect(() => loadConfig({ ...production, ADMIN_SESSION_SECRET: 'short' })).toThrow(
      /ADMIN_SESSION_SECRET must be at least 32/,
    );
  });

  it('configures the back office session with safe defaults', () => {
    const { admin } = loadConfig({});
    expect(admin).toMatchObject({
      enabled: true,
      sessionIdleMinutes: 60,
      sessionMaxHours: 12,
      cookieSecure: 'auto',
    });
    expect(admin.sessionSecret.length).toBeGreaterThanOrEqual(32);
    expect(admin.bundleDir).toMatch(/dist\/admin-bundle$/);
    const custom = loadConfig({
      ADMIN_SESSION_IDLE_MINUTES: '15',
      ADMIN_COOKIE_SECURE: 'true',
      ADMIN_ENABLED: 'false',
    }).admin;
    expect(custom).toMatchObject({ enabled: false, sessionIdleMinutes: 15, cookieSecure: true });
    expect(() => loadConfig({ ADMIN_COOKIE_SECURE: 'maybe' })).toThrow(/ADMIN_COOKIE_SECURE/);
  });

  it('stops with a message naming every wrong variable', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', LOG_PRETTY: 'maybe' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as ConfigError).message;
    expect(message).toMatch(/PORT/);
    expect(message).toMatch(/DATABASE_URL must be a postgres:\/\/ URL/);
    expect(message).toMatch(/LOG_PRETTY/);
    expect((error as ConfigError).problems).toHaveLength(3);
  });

  it('gives analytics defaults and refuses a re-roll window shorter than the accepted lateness', () => {
    expect(loadConfig({}).analytics).toMatchObject({
      retentionDays: 90,
      rollupCron: '15 0 * * *',
      rerollDays: 3,
    });
    expect(() => loadConfig({ ANALYTICS_REROLL_DAYS: '2' })).toThrow(
      /ANALYTICS_REROLL_DAYS must be at least 3/,
    );
    expect(() => loadConfig({ ANALYTICS_ROLLUP_CRON: 'soon' })).toThrow(/ANALYTICS_ROLLUP_CRON/);
    expect(loadConfig({}).analytics.intradayMinutes).toBe(5);
    expect(loadConfig({ ANALYTICS_INTRADAY_MINUTES: '0' }).analytics.intradayMinutes).toBe(0);
    expect(loadConfig({ ANALYTICS_INTRADAY_MINUTES: '15' }).analytics.intradayMinutes).toBe(15);
    expect(() => loadConfig({ ANALYTICS_INTRADAY_MINUTES: '7' })).toThrow(
      /ANALYTICS_INTRADAY_MINUTES must be 0/,
    );
    expect(() => loadConfig({ ANALYTICS_INTRADAY_MINUTES: 'often' })).toThrow(/ANALYTICS_INTRADAY_MINUTES/);
  });
});
