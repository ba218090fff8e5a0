/** What NocoBase's index.html puts on `window` for its shells (v1 and v2 alike). */
export interface NocoBaseRuntimeConfig {
  location: { origin: string };
  __nocobase_api_base_url__?: string;
  __nocobase_public_path__?: string;
}

/**
 * The app's root URL (origin plus APP_PUBLIC_PATH, without a trailing slash), for the core, which adds `/api/…`
 * itself. Read from the page's runtime config, not from a shell's API client, so both shells and the extension
 * (which reads the config from NocoBase's `<script>`) agree. The API base is the surer guide: the `/v/` shell sets
 * its own public path (`/v/`) while the API stays at `/api/`.
 */
export function appRootUrl(config: NocoBaseRuntimeConfig): string {
  const apiBase = config.__nocobase_api_base_url__;
  if (apiBase && /\/api\/?$/.test(apiBase)) {
    return new URL(apiBase, config.location.origin).href.replace(/\/api\/?$/, '');
  }
  return new URL(config.__nocobase_public_path__ || '/', config.location.origin).href.replace(/\/$/, '');
}
