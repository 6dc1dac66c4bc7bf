import { randomUUID } from 'node:crypto';
import { errors, exportJWK, generateKeyPair, jwtVerify, SignJWT, type CryptoKey, type JWK } from 'jose';
import { armErrors } from './errors.js';

const KEY_ID = 'augeo-emulator-entra';

export interface AccessTokenClaims {
  tid: string;
  oid: string;
  appid: string;
}

/** Signs the access tokens Entra issues and lets ARM check them. */
export class EntraTokens {
  private constructor(
    private readonly privateKey: CryptoKey,
    private readonly publicKey: CryptoKey,
    private readonly publicJwk: JWK,
  ) {}

  static async create(): Promise<EntraTokens> {
    const { privateKey, publicKey } = await generateKeyPair('RS256');
    return new EntraTokens(privateKey, publicKey, {
      ...(await exportJWK(publicKey)),
      kid: KEY_ID,
      alg: 'RS256',
      use: 'sig',
    });
  }

  jwks(): { keys: JWK[] } {
    return { keys: [this.publicJwk] };
  }

  async issue(
    claims: AccessTokenClaims & { audience: string; issuer: string; lifetimeSeconds: number },
  ): Promise<string> {
    return new SignJWT({
      tid: claims.tid,
      oid: claims.oid,
      appid: claims.appid,
      azp: claims.appid,
      idtyp: 'app',
      ver: '2.0',
    })
      .setProtectedHeader({ alg: 'RS256', kid: KEY_ID, typ: 'JWT' })
      .setIssuer(claims.issuer)
      .setSubject(claims.oid)
      .setAudience(claims.audience)
      .setJti(randomUUID())
      .setIssuedAt()
      .setNotBefore('0s')
      .setExpirationTime(`${claims.lifetimeSeconds}s`)
      .sign(this.privateKey);
  }

  /** Checks signature, lifetime and audience the way ARM does; throws the ArmError ARM would answer with. */
  async verify(token: string, audiences: string[]): Promise<AccessTokenClaims> {
    try {
      const { payload } = await jwtVerify(token, this.publicKey, { audience: audiences, algorithms: ['RS256'] });
      const { tid, oid, appid } = payload as Record<string, unknown>;
      if (typeof tid !== 'string' || typeof oid !== 'string' || typeof appid !== 'string')
        throw armErrors.invalidToken();
      return { tid, oid, appid };
    } catch (error) {
      if (error instanceof errors.JWTExpired) throw armErrors.expiredToken(new Date(Number(error.payload.exp) * 1000));
      if (error instanceof errors.JOSEError) throw armErrors.invalidToken();
      throw error;
    }
  }
}
