import { useEffect } from 'react';
import { API_BASE_URL, BUILD_ID, useApiVersion } from './api-version-store';

export function App() {
  const apiVersion = useApiVersion((store) => store.apiVersion);
  const load = useApiVersion((store) => store.load);
  useEffect(() => {
    void load();
  }, [load]);

  return (
    <main style={{ fontFamily: 'system-ui, sans-serif', margin: '2rem' }}>
      <h1>Augeo admin</h1>
      <dl>
        <dt>Build</dt>
        <dd data-testid="build-id">{BUILD_ID}</dd>
        <dt>API</dt>
        <dd data-testid="api-base-url">{API_BASE_URL || '(not configured)'}</dd>
        <dt>API version</dt>
        <dd data-testid="api-version" data-state={apiVersion.state}>
          {apiVersion.state === 'ok'
            ? apiVersion.version
            : apiVersion.state === 'loading'
              ? 'loading…'
              : `unavailable (${apiVersion.reason})`}
        </dd>
      </dl>
    </main>
  );
}
