import { loadBackendConfig } from '../config/backend-config.js';
import { JwtStrategy } from './jwt.strategy.js';
import type { SigningKeyResolver } from './signing-key.resolver.js';

describe('JwtStrategy options', () => {
  it('hands issuer, RS256 and the clock tolerance to jsonwebtoken (top-level options, not dropped)', () => {
    const config = loadBackendConfig({
      WORKOS_CLIENT_ID: 'client_1',
      WORKOS_ISSUER: 'https://a.example,https://b.example',
      JWT_CLOCK_TOLERANCE_SECONDS: '7',
    });
    const strategy = new JwtStrategy(config, {} as SigningKeyResolver);
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

  it('registers in its own Passport instance, not the process-wide one', async () => {
    const passport = (await import('passport')).default;
    const config = loadBackendConfig({ WORKOS_CLIENT_ID: 'client_1' });
    const a = new JwtStrategy(config, {} as SigningKeyResolver);
    const b = new JwtStrategy(config, {} as SigningKeyResolver);
    expect(a.passport).not.toBe(b.passport);
    expect(a.passport).not.toBe(passport);
    expect(
      (passport as unknown as { _strategies: Record<string, unknown> })._strategies['workos-jwt'],
    ).toBeUndefined();
  });
});
