// A throwaway self-signed certificate for www.instagram.com, made with openssl at start.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export function makeCertificate() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fm-standin-cert-'));
  const key = path.join(dir, 'key.pem'), cert = path.join(dir, 'cert.pem');
  try {
    execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
      '-keyout', key, '-out', cert, '-days', '2', '-subj', '/CN=www.instagram.com',
      '-addext', 'subjectAltName=DNS:www.instagram.com,DNS:localhost,IP:127.0.0.1'], { stdio: ['ignore', 'ignore', 'pipe'] });
    return { key: fs.readFileSync(key), cert: fs.readFileSync(cert) };
  } catch (err) {
    throw new Error(`standin: could not generate a certificate with openssl (is it installed?): ${err.stderr || err.message}`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
