/**
 * Whether key material given as a string is more likely a file's path than its contents: no PEM header,
 * and a key-file extension or a path separator (base64 has '/' too, but a path has no PEM header and
 * rarely no extension). Used only to word an error, never to read a file.
 */
export function looksLikeFilePath(text: string): boolean {
  if (text.includes('-----BEGIN')) return false;
  const trimmed = text.trim();
  return /\.(pem|crt|cer|der|key)$/i.test(trimmed) || (/[/\\]/.test(trimmed) && /^[.~/\\]|^[A-Za-z]:[/\\]/.test(trimmed));
}

export const FILE_PATH_HINT = "looks like a file path, not a key: pass the file's contents (readFileSync(path, 'utf8'))";
