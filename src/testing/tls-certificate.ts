import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

export interface CertificateFiles {
  /** PEM; also what a client trusts (NODE_EXTRA_CA_CERTS): the certificate is its own issuer. */
  certificate: string;
  key: string;
}

/**
 * A self-signed certificate for `https://127.0.0.1`, made with OpenSSL into `dir`, valid for two days: what a test's
 * nginx terminates TLS with. Nothing but a client told to trust this very file accepts it.
 */
export async function createSelfSignedCertificate(dir: string): Promise<CertificateFiles> {
  const files = { certificate: join(dir, 'certificate.pem'), key: join(dir, 'key.pem') };
  // A P-256 key: quick to make, and every TLS stack takes it.
  await execFileAsync('openssl', [
    'req',
    '-x509',
    '-newkey',
    'ec',
    '-pkeyopt',
    'ec_paramgen_curve:prime256v1',
    '-nodes',
    '-days',
    '2',
    '-subj',
    '/CN=127.0.0.1',
    '-addext',
    'subjectAltName=IP:127.0.0.1',
    '-keyout',
    files.key,
    '-out',
    files.certificate,
  ]);
  return files;
}
