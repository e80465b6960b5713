import { exportPrivateKeyPem, generateKeyPair, signingAlgorithm, x509 } from './crypto-keys.ts';

/** A fresh device key pair and a CSR for it; the private key never leaves the device. */
export async function createDeviceKeyAndCsr(): Promise<{ keyPem: string; csrPem: string }> {
  const keys = await generateKeyPair();
  const csr = await x509.Pkcs10CertificateRequestGenerator.create({
    name: 'CN=voxeron-edge-agent',
    keys,
    signingAlgorithm,
  });
  return { keyPem: await exportPrivateKeyPem(keys.privateKey), csrPem: csr.toString('pem') };
}

/** True when less than a third of the certificate's lifetime is left: time to rotate. */
export function certificateNeedsRotation(certPem: string, nowMs = Date.now()): boolean {
  const certificate = new x509.X509Certificate(certPem);
  const start = certificate.notBefore.getTime();
  const end = certificate.notAfter.getTime();
  return nowMs >= end - (end - start) / 3;
}
