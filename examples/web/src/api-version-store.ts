import { create } from 'zustand';

export const BUILD_ID: string = import.meta.env.VITE_BUILD_ID;
export const API_BASE_URL: string = import.meta.env.VITE_API_BASE_URL;

type ApiVersion = { state: 'loading' } | { state: 'ok'; version: string } | { state: 'error'; reason: string };

interface ApiVersionStore {
  apiVersion: ApiVersion;
  load(): Promise<void>;
}

/** What the API of this environment says it runs: the page's end-to-end check that the build got the right API. */
export const useApiVersion = create<ApiVersionStore>((set) => ({
  apiVersion: { state: 'loading' },
  async load() {
    if (!API_BASE_URL) {
      set({ apiVersion: { state: 'error', reason: 'built without VITE_API_BASE_URL' } });
      return;
    }
    try {
      const response = await fetch(`${API_BASE_URL.replace(/\/+$/, '')}/version`);
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      const body = (await response.json()) as { version?: unknown };
      set({ apiVersion: { state: 'ok', version: String(body.version) } });
    } catch (error) {
      set({ apiVersion: { state: 'error', reason: error instanceof Error ? error.message : String(error) } });
    }
  },
}));
