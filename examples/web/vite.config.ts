import { defineConfig, loadEnv, type Plugin } from 'vite';

/**
 * Writes version.json beside index.html: the deploy-frontend action waits until the site serves this build id,
 * so "deployed" means "this build is what users get", not "an API said done".
 */
function versionFile(buildId: string, apiBaseUrl: string): Plugin {
  return {
    name: 'augeo-version-file',
    generateBundle() {
      this.emitFile({
        type: 'asset',
        fileName: 'version.json',
        source: `${JSON.stringify({ buildId, apiBaseUrl, builtAt: new Date().toISOString() }, null, 2)}\n`,
      });
    },
  };
}

export default defineConfig(({ mode }) => {
  const env = { ...loadEnv(mode, process.cwd(), 'VITE_'), ...process.env };
  const buildId = env.VITE_BUILD_ID || 'dev';
  const apiBaseUrl = env.VITE_API_BASE_URL || '';
  return {
    plugins: [versionFile(buildId, apiBaseUrl)],
    define: {
      // Stamped at build time: each environment's build knows its own API, and the page shows its own build id.
      'import.meta.env.VITE_BUILD_ID': JSON.stringify(buildId),
      'import.meta.env.VITE_API_BASE_URL': JSON.stringify(apiBaseUrl),
    },
    build: { outDir: 'dist', emptyOutDir: true, sourcemap: false },
  };
});
