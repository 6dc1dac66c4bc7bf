import { InputError } from '../errors.js';

/** A PostgreSQL URL as SQLAlchemy spells it, with the forms other tools need. */
export interface DatabaseUrl {
  /** As the user gave it: what env.py reads from DATABASE_URL. */
  sqlalchemy: string;
  /** The same without the driver in the scheme, for libpq-style clients. */
  libpq: string;
  /** Host, port and database, for messages: never the user name or password. */
  where: string;
  /** Every spelling of the secret parts, to mask in logs. */
  secrets: string[];
}

const ACCEPTED = 'a PostgreSQL URL such as postgresql+psycopg2://user:password@host:5432/dbname';
const SCHEME = /^(postgres|postgresql)(\+[a-z0-9_]+)?:$/;

export function parseDatabaseUrl(input: string, raw: string): DatabaseUrl {
  const scheme = raw.split('//')[0] ?? '';
  // The value may hold a password: InputError quotes only the scheme.
  const shown = `${scheme}//…`;
  if (!URL.canParse(raw)) throw new InputError(input, shown, ACCEPTED);
  const url = new URL(raw);
  if (!SCHEME.test(url.protocol) || !url.hostname || url.pathname.length < 2)
    throw new InputError(input, shown, ACCEPTED);
  const libpq = raw.replace(/^[^:]+:/, 'postgresql:');
  const password = url.password;
  const secrets = [raw, libpq, ...(password ? [password, decodedOrSame(password)] : [])];
  return { sqlalchemy: raw, libpq, where: `${url.hostname}:${url.port || '5432'}${url.pathname}`, secrets };
}

function decodedOrSame(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
