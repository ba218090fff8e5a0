import { join } from 'node:path';

/** nginx in front of NocoBase nodes, as a company runs it: the edge proxy, so it alone says how the client came. */
export interface NginxSite {
  /** Holds the config, the pid file, the logs and nginx's temporary files. */
  dir: string;
  /** The NocoBase nodes, `127.0.0.1:13500`, in the order nginx's round robin takes them. */
  upstreams: readonly string[];
  /** Plain HTTP on 127.0.0.1. */
  port: number;
  /** TLS on 127.0.0.1 (nginx terminates it, as in production), with a certificate and key in PEM files. */
  https?: { port: number; certificate: string; key: string };
  /** The account nginx's workers run as; only a root master can switch, so it is given only then. */
  user?: string;
}

export function accessLogFile(site: Pick<NginxSite, 'dir'>): string {
  return join(site.dir, 'access.log');
}

export function errorLogFile(site: Pick<NginxSite, 'dir'>): string {
  return join(site.dir, 'error.log');
}

export function configFile(site: Pick<NginxSite, 'dir'>): string {
  return join(site.dir, 'nginx.conf');
}

/** nginx's temporary directories (request bodies, buffered responses), kept in the site's directory. */
export function tempDirs(site: Pick<NginxSite, 'dir'>): Record<string, string> {
  const names = ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'];
  return Object.fromEntries(names.map((name) => [name, join(site.dir, 'temp', name)]));
}

/**
 * One JSON object a request: when it ended and how long it took (so when it began), where it went, what came back,
 * and the user agent, which tells a test's sign-ins apart. The path without its query: a callback's code and state
 * have no business in a log.
 */
const LOG_FORMAT =
  '\'{"msec":$msec,"requestTime":$request_time,"method":"$request_method","path":"$uri","status":$status,' +
  '"upstream":"$upstream_addr","upstreamStatus":"$upstream_status","userAgent":"$http_user_agent"}\'';

/** The whole `nginx.conf` of a site. */
export function nginxConfig(site: NginxSite): string {
  const temp = tempDirs(site);
  const listen = [
    `listen 127.0.0.1:${site.port};`,
    ...(site.https
      ? [
          `listen 127.0.0.1:${site.https.port} ssl;`,
          `ssl_certificate ${site.https.certificate};`,
          `ssl_certificate_key ${site.https.key};`,
        ]
      : []),
  ];
  const lines = [
    '# Written by src/testing/nginx-config.ts: nginx in front of the NocoBase nodes of a cluster.',
    'daemon off;',
    'worker_processes 1;',
    ...(site.user ? [`user ${site.user};`] : []),
    `pid ${join(site.dir, 'nginx.pid')};`,
    `error_log ${errorLogFile(site)} warn;`,
    'events { worker_connections 4096; }',
    'http {',
    ...Object.entries(temp).map(([name, dir]) => `  ${name}_temp_path ${dir};`),
    `  log_format cluster escape=json ${LOG_FORMAT};`,
    `  access_log ${accessLogFile(site)} cluster;`,
    // NocoBase's plugin manager takes uploads of up to 30 MB.
    '  client_max_body_size 50m;',
    // WebSocket (/ws, NocoBase's app status) upgrades; any other request closes its upstream connection.
    '  map $http_upgrade $connection_upgrade { default upgrade; "" close; }',
    '  upstream nocobase {',
    // Round robin, nginx's default. A node that failed once is left out for 2 s, then tried again.
    ...site.upstreams.map((address) => `    server ${address} max_fails=1 fail_timeout=2s;`),
    '  }',
    '  server {',
    ...listen.map((line) => `    ${line}`),
    '    proxy_http_version 1.1;',
    '    proxy_set_header Host $http_host;',
    // nginx is the edge: it alone knows the scheme and the client's address. Whatever a client sent in these
    // headers is replaced, never passed on: NocoBase makes its cookies Secure on X-Forwarded-Proto https and takes
    // the first X-Forwarded-For entry for the client's IP.
    '    proxy_set_header X-Forwarded-Proto $scheme;',
    '    proxy_set_header X-Forwarded-For $remote_addr;',
    '    proxy_set_header X-Real-IP $remote_addr;',
    '    proxy_set_header Upgrade $http_upgrade;',
    '    proxy_set_header Connection $connection_upgrade;',
    '    proxy_read_timeout 600s;',
    // What may go to the other node: a request the node never took (connection refused or reset, which is `error`),
    // or one it refused while starting or stopping (NocoBase's 503). Never on `timeout`: a slow node may still be
    // finishing a callback, whose state and WeCom code are single use, and a second try would spend them again.
    // nginx never resends a POST that reached a node, whatever is listed here.
    '    proxy_next_upstream error http_503;',
    '    proxy_next_upstream_tries 2;',
    '    location / {',
    '      proxy_pass http://nocobase;',
    '    }',
    // Starting a sign-in stores nothing on the server (its state is in the answer's cookie), so this POST is as safe
    // to send again as a GET.
    '    location = /api/wecom:getAuthUrl {',
    '      proxy_pass http://nocobase;',
    '      proxy_next_upstream error http_503 non_idempotent;',
    '    }',
    '  }',
    '}',
  ];
  return `${lines.join('\n')}\n`;
}
