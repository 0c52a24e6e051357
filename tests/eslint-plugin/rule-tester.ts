/** Every invalid case states messageId, data and the full location. */
export const assertionOptions = { requireData: true, requireLocation: true } as const;

/** A file of a project rooted at /project, as ESLint passes it to rules. */
export function projectFile(path: string): string {
  return `/project/${path}`;
}

/**
 * Source code written indented inside a test: drops the first line break and the common indentation,
 * so line 1 of the case is its first line of code.
 */
export function code(strings: TemplateStringsArray, ...values: unknown[]): string {
  const raw = strings.reduce(
    (text, part, index) => text + part + (index < values.length ? String(values[index]) : ''),
    '',
  );
  const lines = raw
    .replace(/^\n/, '')
    .replace(/\n[ \t]*$/, '')
    .split('\n');
  const indent = Math.min(
    ...lines.filter((line) => line.trim() !== '').map((line) => /^[ \t]*/.exec(line)?.[0].length ?? 0),
  );
  return lines.map((line) => line.slice(indent)).join('\n') + '\n';
}
