// Finds a secret in text in the forms it could leak in: as is, URL-encoded, or base64 (of the
// secret alone, and as it would sit inside a longer base64 string at any alignment).
export function secretForms(secret: string): string[] {
  const forms = new Set([secret, encodeURIComponent(secret)]);
  for (let shift = 0; shift < 3; shift++) {
    const encoded = Buffer.from('\0'.repeat(shift) + secret).toString('base64');
    // Drop the characters that depend on neighbouring bytes: what is left appears in any larger base64.
    const start = shift === 0 ? 0 : Math.ceil((shift * 4) / 3) + 1;
    forms.add(encoded.slice(start, encoded.length - 4));
  }
  return [...forms].filter((form) => form.length >= 8);
}

export function findSecrets(text: string, secrets: readonly string[]): string[] {
  return secrets.filter((secret) => secretForms(secret).some((form) => text.includes(form)));
}
