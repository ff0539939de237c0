// A pinned agent certificate is named by the SHA-256 of its leaf certificate, as
// `openssl x509 -in cert.pem -noout -fingerprint -sha256` prints it ("sha256 Fingerprint=AB:CD:…").
// People paste it with or without colons, in either case, sometimes with openssl's label in front;
// it is stored and compared in one form, the one Node's getPeerCertificate().fingerprint256 uses.

const LABEL = /^\s*sha-?256\s+fingerprint\s*=\s*/i;

/** "AB:CD:…" (upper case, colons), or null when the text is not a SHA-256 fingerprint. */
export function normaliseFingerprint(text: string): string | null {
  const hex = text.replace(LABEL, '').replace(/[\s:]/g, '');
  if (!/^[0-9a-fA-F]{64}$/.test(hex)) return null;
  return hex.toUpperCase().match(/../g)!.join(':');
}
