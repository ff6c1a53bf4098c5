import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { loadBackendConfig } from '../config/backend-config.js';
import { KeyLookupError, KeySource, type KeySourceStatus } from './key-source.js';
import { WorkosJwtStrategy } from './workos-jwt.strategy.js';

const config = loadBackendConfig({
  WORKOS_CLIENT_ID: 'client_1',
  WORKOS_ISSUER: 'https://a.example,https://b.example',
  JWT_CLOCK_TOLERANCE_SECONDS: '7',
});
const KID = 'kid_1';
const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });

/** Answers `key` for {@link KID}, else the given lookup failure (or throws a bug). */
class OneKeySource extends KeySource {
  constructor(private readonly miss: KeyLookupError | Error = new KeyLookupError('unknown_key')) {
    super();
  }
  override getKey(kid: string): Promise<KeyObject> {
    return kid === KID ? Promise.resolve(publicKey) : Promise.reject(this.miss);
  }
  override status(): Promise<KeySourceStatus> {
    return Promise.resolve({ reachable: true, keyCount: 1, fetchedAt: undefined });
  }
}

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const now = () => Math.floor(Date.now() / 1000);

function token(claims: Record<string, unknown> = {}): string {
  const payload = { iss: 'https://a.example', sub: 'user_1', sid: 'session_1', exp: now() + 300 };
  const input = `${b64({ alg: 'RS256', kid: KID })}.${b64({ ...payload, ...claims })}`;
  return `${input}.${sign('sha256', Buffer.from(input), privateKey).toString('base64url')}`;
}

const check = (value: string, keys: KeySource = new OneKeySource(), kid = KID) =>
  new WorkosJwtStrategy(config, keys).check({ token: value, kid, allowFetch: true });

describe('WorkosJwtStrategy options', () => {
  it('hands issuer, RS256 and the clock tolerance to jsonwebtoken (top-level options, not dropped)', () => {
    const strategy = new WorkosJwtStrategy(config, new OneKeySource());
    // passport-jwt keeps the options it passes to jsonwebtoken.verify in `_verifOpts`.
    const verifyOptions = (strategy as unknown as { _verifOpts: Record<string, unknown> })
      ._verifOpts;
    expect(verifyOptions).toMatchObject({
      issuer: ['https://a.example', 'https://b.example'],
      algorithms: ['RS256'],
      ignoreExpiration: false,
      clockTolerance: 7,
    });
    expect(verifyOptions['audience']).toBeUndefined();
  });

  it('registers nothing in the process-wide Passport (two apps in one process stay apart)', async () => {
    const passport = (await import('passport')).default;
    new WorkosJwtStrategy(config, new OneKeySource());
    const registry = (passport as unknown as { _strategies: Record<string, unknown> })._strategies;
    expect(registry['workos-jwt']).toBeUndefined();
    expect(registry['jwt']).toBeUndefined();
  });
});

describe('WorkosJwtStrategy.check', () => {
  it('answers the user built from the verified claims', async () => {
    const result = await check(token({ org_id: 'org_1' }));
    expect(result.user).toMatchObject({ id: 'user_1', organizationId: 'org_1' });
  });

  it.each([
    ['an expired token (TokenExpiredError)', () => token({ exp: now() - 60 }), 'token_expired'],
    [
      'a token not valid yet (NotBeforeError)',
      () => token({ nbf: now() + 600 }),
      'token_not_yet_valid',
    ],
    [
      'another signature (JsonWebTokenError)',
      () => `${token().slice(0, token().lastIndexOf('.'))}.${'A'.repeat(342)}`,
      'signature_invalid',
    ],
    ['claims the schema refuses', () => token({ sid: undefined }), 'claims_invalid'],
  ])('refuses %s with its code only', async (_name, make, failure) => {
    expect(await check(make())).toEqual({ failure });
  });

  it('refuses an unknown key (401) and a key source with no key and no JWKS (503)', async () => {
    expect(await check(token(), new OneKeySource(), 'other')).toEqual({ failure: 'unknown_key' });
    const down = new OneKeySource(new KeyLookupError('unavailable'));
    expect(await check(token(), down, 'other')).toEqual({ failure: 'auth_unavailable' });
  });

  it('lets a genuine bug through untouched (so it is a 500, not a hidden 401)', async () => {
    const bug = new TypeError('x is undefined');
    await expect(check(token(), new OneKeySource(bug), 'other')).rejects.toBe(bug);
  });
});
