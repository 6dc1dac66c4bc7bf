import { X509Certificate, createHash } from 'node:crypto';
import { connect } from 'node:tls';
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';

/** The base64 SHA-256 of the public key the emulator's HTTPS fronts present (all share one leaf certificate). */
async function servedKeyPin(httpsUrl: string): Promise<string> {
  const { hostname, port } = new URL(httpsUrl);
  const der = await new Promise<Buffer>((resolve, reject) => {
    const socket = connect({ host: hostname, port: Number(port), rejectUnauthorized: false }, () => {
      resolve(socket.getPeerCertificate().raw);
      socket.end();
    });
    socket.on('error', reject);
  });
  const spki = new X509Certificate(der).publicKey.export({ type: 'spki', format: 'der' });
  return createHash('sha256').update(spki).digest('base64');
}

/**
 * Debian's Chromium, headless, through playwright-core. It trusts exactly the emulator's leaf key
 * (--ignore-certificate-errors-spki-list) rather than ignoring every certificate error, so a page from any other
 * origin with a bad certificate would still fail. Playwright gives each launch a fresh profile directory.
 */
export async function launchChromium(emulatorHttpsUrl: string): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      `--ignore-certificate-errors-spki-list=${await servedKeyPin(emulatorHttpsUrl)}`,
    ],
  });
}

/** Opens the deployed page and reads what a person would see: the build id and the API version it fetched. */
export async function readAdminPage(browser: Browser, url: string): Promise<{ buildId: string; apiVersion: string }> {
  const page = await browser.newPage();
  try {
    const response = await page.goto(url, { waitUntil: 'load' });
    if (!response?.ok()) throw new Error(`${url} answered ${response?.status()}`);
    // The page fetches the API's /version after it renders; wait until that call has settled either way.
    const apiVersion = page.locator('[data-testid="api-version"]:not([data-state="loading"])');
    await apiVersion.waitFor({ timeout: 15_000 });
    return {
      buildId: (await page.locator('[data-testid="build-id"]').textContent()) ?? '',
      apiVersion: (await apiVersion.textContent()) ?? '',
    };
  } finally {
    await page.close();
  }
}
