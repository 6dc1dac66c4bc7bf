import { execFile } from 'node:child_process';
import { access, mkdir, mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { EmulatorError } from './errors.js';

const run = promisify(execFile);

async function openssl(args: string[], cwd: string): Promise<void> {
  try {
    await run('openssl', args, { cwd });
  } catch (error) {
    throw new EmulatorError(`openssl ${args[0]} failed (is the openssl CLI installed?): ${(error as Error).message}`);
  }
}

async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}

/** Creates a test certificate authority in `dir`, or reuses the one already there. */
export async function ensureTestCa(dir: string): Promise<{ caCertPath: string; caKeyPath: string }> {
  const caCertPath = join(dir, 'ca.pem');
  const caKeyPath = join(dir, 'ca.key');
  if ((await exists(caCertPath)) && (await exists(caKeyPath))) return { caCertPath, caKeyPath };
  await mkdir(dir, { recursive: true });
  // Built aside and renamed in, so two processes creating the CA at once never see half a pair.
  const work = await mkdtemp(join(dir, '.ca-'));
  try {
    await openssl(
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-keyout',
        'ca.key',
        '-out',
        'ca.pem',
        '-days',
        '3650',
        '-subj',
        '/CN=augeo emulator test CA',
        '-addext',
        'basicConstraints=critical,CA:TRUE',
        '-addext',
        'keyUsage=critical,keyCertSign,cRLSign',
      ],
      work,
    );
    if (!(await exists(caCertPath))) {
      await rename(join(work, 'ca.key'), caKeyPath);
      await rename(join(work, 'ca.pem'), caCertPath);
    }
  } finally {
    await rm(work, { recursive: true, force: true });
  }
  return { caCertPath, caKeyPath };
}

/** Issues a short-lived leaf certificate for 127.0.0.1 and localhost, signed by the test CA. */
export async function issueLoopbackCertificate(ca: {
  caCertPath: string;
  caKeyPath: string;
}): Promise<{ key: string; cert: string }> {
  const work = await mkdtemp(join(tmpdir(), 'augeo-leaf-'));
  try {
    await openssl(
      [
        'req',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:prime256v1',
        '-nodes',
        '-keyout',
        'leaf.key',
        '-out',
        'leaf.csr',
        '-subj',
        '/CN=localhost',
      ],
      work,
    );
    await writeFile(
      join(work, 'ext.cnf'),
      'subjectAltName=DNS:localhost,IP:127.0.0.1\nbasicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=serverAuth\n',
    );
    await openssl(
      [
        'x509',
        '-req',
        '-in',
        'leaf.csr',
        '-CA',
        ca.caCertPath,
        '-CAkey',
        ca.caKeyPath,
        '-CAcreateserial',
        '-CAserial',
        'ca.srl',
        '-out',
        'leaf.pem',
        '-days',
        '30',
        '-extfile',
        'ext.cnf',
      ],
      work,
    );
    const [key, cert] = await Promise.all([
      readFile(join(work, 'leaf.key'), 'utf8'),
      readFile(join(work, 'leaf.pem'), 'utf8'),
    ]);
    return { key, cert };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
