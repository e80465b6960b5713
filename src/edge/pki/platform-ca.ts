import { randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ValidationError } from '../../platform/errors.ts';
import { deviceUri, normalizeSerial } from './device-identity.ts';
import type { CryptoKey } from './crypto-keys.ts';
import {
  exportPrivateKeyPem,
  generateKeyPair,
  importPrivateKeyPem,
  signingAlgorithm,
  x509,
} from './crypto-keys.ts';

const DAY_MS = 24 * 60 * 60 * 1000;
/** Device certificates live 90 days; agents rotate them when a third is left. */
export const DEVICE_CERT_VALIDITY_DAYS = 90;
const CA_VALIDITY_DAYS = 3650;

/** The platform's certificate authority for the edge link: the only trust anchor either side uses. */
export interface PlatformCa {
  certPem: string;
  certificate: x509.X509Certificate;
  signingKey: CryptoKey;
}

export interface IssuedCertificate {
  certPem: string;
  serial: string;
  /** SHA-256 of the DER certificate, lower-case hex. */
  fingerprint: string;
  notAfter: Date;
}

function randomSerial(): string {
  const bytes = randomBytes(16);
  bytes[0] = bytes[0]! & 0x7f; // a positive INTEGER
  return bytes.toString('hex');
}

async function fingerprintOf(certificate: x509.X509Certificate): Promise<string> {
  return Buffer.from(await certificate.getThumbprint('SHA-256')).toString('hex');
}

/**
 * Loads the platform CA from `<dir>/ca.key` + `<dir>/ca.crt`, creating it on first use. The key
 * file is written mode 0600 and never leaves the platform.
 */
export async function loadOrCreatePlatformCa(dir: string): Promise<PlatformCa> {
  const keyFile = path.join(dir, 'ca.key');
  const certFile = path.join(dir, 'ca.crt');
  try {
    const [keyPem, certPem] = await Promise.all([
      readFile(keyFile, 'utf8'),
      readFile(certFile, 'utf8'),
    ]);
    return {
      certPem,
      certificate: new x509.X509Certificate(certPem),
      signingKey: await importPrivateKeyPem(keyPem),
    };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const keys = await generateKeyPair();
  const now = Date.now();
  const certificate = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: randomSerial(),
    name: 'CN=Voxeron Edge Platform CA, O=Voxeron',
    notBefore: new Date(now - 60_000),
    notAfter: new Date(now + CA_VALIDITY_DAYS * DAY_MS),
    signingAlgorithm,
    keys,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(
        x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign,
        true,
      ),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  const certPem = certificate.toString('pem');
  await writeFile(keyFile, await exportPrivateKeyPem(keys.privateKey), { mode: 0o600, flag: 'wx' });
  await writeFile(certFile, certPem, { mode: 0o600, flag: 'wx' });
  await chmod(keyFile, 0o600);
  return { certPem, certificate, signingKey: keys.privateKey };
}

interface IssueOptions {
  subject: string;
  publicKey: CryptoKey;
  extensions: x509.Extension[];
  notBefore?: Date;
  notAfter?: Date;
}

async function issue(ca: PlatformCa, options: IssueOptions): Promise<IssuedCertificate> {
  const now = Date.now();
  const notAfter = options.notAfter ?? new Date(now + DEVICE_CERT_VALIDITY_DAYS * DAY_MS);
  const certificate = await x509.X509CertificateGenerator.create({
    serialNumber: randomSerial(),
    subject: options.subject,
    issuer: ca.certificate.subject,
    notBefore: options.notBefore ?? new Date(now - 60_000),
    notAfter,
    signingAlgorithm,
    publicKey: options.publicKey,
    signingKey: ca.signingKey,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      await x509.AuthorityKeyIdentifierExtension.create(ca.certificate),
      ...options.extensions,
    ],
  });
  return {
    certPem: certificate.toString('pem'),
    serial: normalizeSerial(certificate.serialNumber),
    fingerprint: await fingerprintOf(certificate),
    notAfter: certificate.notAfter,
  };
}

/**
 * Issues a device's client certificate from its CSR. Only the CSR's key is used: the identity
 * (tenant, device) comes from the enrollment record, never from what the CSR asks for.
 */
export async function issueDeviceCertificate(
  ca: PlatformCa,
  csrPem: string,
  identity: { tenantId: string; deviceId: string },
  validity: { notBefore?: Date; notAfter?: Date } = {},
): Promise<IssuedCertificate> {
  let csr: x509.Pkcs10CertificateRequest;
  try {
    csr = new x509.Pkcs10CertificateRequest(csrPem);
  } catch (error) {
    throw new ValidationError('the certificate request is not a PEM PKCS#10 CSR', [
      { path: 'csr', message: (error as Error).message },
    ]);
  }
  if (!(await csr.verify())) {
    throw new ValidationError('the certificate request signature does not verify', [
      { path: 'csr', message: 'bad signature' },
    ]);
  }
  return issue(ca, {
    subject: `CN=${identity.deviceId}, O=Voxeron Edge`,
    publicKey: await csr.publicKey.export(),
    ...validity,
    extensions: [
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.clientAuth]),
      new x509.SubjectAlternativeNameExtension([
        { type: 'url', value: deviceUri(identity.tenantId, identity.deviceId) },
      ]),
    ],
  });
}

/** The link server's own TLS certificate, for the host names agents dial. */
export async function issueServerCertificate(
  ca: PlatformCa,
  hostNames: readonly string[],
): Promise<IssuedCertificate & { keyPem: string }> {
  const keys = await generateKeyPair();
  const names = hostNames.map((name) =>
    /^[\d.]+$|:/.test(name)
      ? { type: 'ip' as const, value: name }
      : { type: 'dns' as const, value: name },
  );
  const issued = await issue(ca, {
    subject: `CN=${hostNames[0] ?? 'voxeron-edge-link'}, O=Voxeron`,
    publicKey: keys.publicKey,
    extensions: [
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
      new x509.SubjectAlternativeNameExtension(names),
    ],
  });
  return { ...issued, keyPem: await exportPrivateKeyPem(keys.privateKey) };
}
