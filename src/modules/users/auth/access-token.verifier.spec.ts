import { afterEach, describe, expect, it, jest } from '@jest/globals';
import { JwtService } from '@nestjs/jwt';
import type { AuthUser } from '../../../common/auth/auth-user.js';
import { AccessTokenVerifier } from './access-token.verifier.js';
import type { LoginSessions } from './login-sessions.js';
import { JWT_AUDIENCE, JWT_ISSUER } from './token.service.js';

const SECRET = 'a-test-secret-a-test-secret-a-test';
const jwt = new JwtService({ secret: SECRET, signOptions: { algorithm: 'HS256' } });
const claims = { sub: 'u1', email: 'u1@example.com', role: 'student', sid: 'session-1' };
/** An access token as the app issues them (they all expire), signed with `secret`, for `audience`. */
const sign = (extra: { exp?: number } = {}, secret = SECRET, audience = JWT_AUDIENCE) =>
  jwt.sign(
    { ...claims, exp: extra.exp ?? Math.floor(Date.now() / 1000) + 900 },
    { secret, issuer: JWT_ISSUER, audience },
  );

/** Sessions that are all live unless revoked here; counts the checks. */
function sessions() {
  const revoked = new Set<string>();
  const check = jest.fn((user: AuthUser, sid: string) => (revoked.has(sid) ? false : user));
  return { revoked, check, sessions: { check } as unknown as LoginSessions };
}

describe('AccessTokenVerifier', () => {
  afterEach(() => {
    jest.restoreAllMocks();
  });

  it('verifies a token once, then remembers it, checking the session every time', () => {
    const s = sessions();
    const verifier = new AccessTokenVerifier(jwt, s.sessions);
    const verify = jest.spyOn(jwt, 'verify');
    const token = sign();
    for (let i = 0; i < 3; i++)
      expect(verifier.verify(`Bearer ${token}`)).toEqual({
        id: 'u1',
        email: 'u1@example.com',
        role: 'student',
      });
    expect(verify).toHaveBeenCalledTimes(1);
    expect(s.check).toHaveBeenCalledTimes(3);
    // A revoked session is refused at once, remembered token or not.
    s.revoked.add('session-1');
    expect(verifier.verify(`Bearer ${token}`)).toBe(false);
  });

  it('refuses a remembered token from the second of its exp on, as jsonwebtoken does', () => {
    const now = Date.now();
    const exp = Math.floor(now / 1000) + 60;
    const token = sign({ exp });
    const verifier = new AccessTokenVerifier(jwt, sessions().sessions);
    expect(verifier.verify(`Bearer ${token}`)).not.toBe(false);
    const clock = jest.spyOn(Date, 'now').mockReturnValue(exp * 1000 - 1);
    expect(verifier.verify(`Bearer ${token}`)).not.toBe(false);
    clock.mockReturnValue(exp * 1000);
    expect(verifier.verify(`Bearer ${token}`)).toBe(false);
    // jsonwebtoken agrees on the same second.
    expect(() => jwt.verify(token)).toThrow(/expired/);
  });

  it('remembers nothing for tokens that fail, and never mistakes one token for another', () => {
    const verifier = new AccessTokenVerifier(jwt, sessions().sessions);
    const good = sign();
    expect(verifier.verify(`Bearer ${good}`)).not.toBe(false);
    const forged = sign({}, 'another-secret-another-secret-xxx');
    const tampered = `${good.slice(0, -2)}${good.endsWith('AA') ? 'AB' : 'AA'}`;
    for (const token of [forged, tampered, sign({}, SECRET, 'someone-else'), 'not.a.token'])
      for (let i = 0; i < 2; i++) expect(verifier.verify(`Bearer ${token}`)).toBe(false);
    expect(verifier.verify(`Basic ${good}`)).toBe(false);
    expect(verifier.verify(`bearer ${good}`)).not.toBe(false);
    // A token without exp (the app issues none) passes jsonwebtoken and is checked again every time.
    const verify = jest.spyOn(jwt, 'verify');
    const forever = jwt.sign(claims, { secret: SECRET, issuer: JWT_ISSUER, audience: JWT_AUDIENCE });
    expect(verifier.verify(`Bearer ${forever}`)).not.toBe(false);
    expect(verifier.verify(`Bearer ${forever}`)).not.toBe(false);
    expect(verify).toHaveBeenCalledTimes(2);
  });
});
