/**
 * Splits an identifier or path into lower-case words: `patient.lastA1c` →
 * patient, last, a1c; `unsubscribe_url` → unsubscribe, url; `ICD10Code` →
 * icd10, code. Letters followed by digits stay together (a1c, icd10, hba1c).
 */
export function identifierWords(identifier: string): string[] {
  const words: string[] = [];
  for (const part of identifier.split(/[^A-Za-z0-9]+/)) {
    if (!part) continue;
    // camelCase and PascalCase boundaries, keeping acronyms whole: "MRNNumber" → MRN, Number.
    const pieces = part.match(/[A-Z]+(?![a-z])[0-9]*|[A-Z]?[a-z]+[0-9]*|[0-9]+[a-z]*[0-9]*/g) ?? [part];
    for (const piece of pieces) words.push(piece.toLowerCase());
  }
  return words;
}

/** Lower-case words of free text (labels, URLs), split on anything but letters and digits. */
export function textWords(text: string): string[] {
  return text
    .normalize("NFKC")
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}
