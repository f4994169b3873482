// Watched paths: `*` matches within one folder name, and a trailing `*` everything below (as the
// API's path filter takes a trailing `*`), so `/Finance/*` is the whole of /Finance.

/** Whether `path` is what `pattern` watches. */
export function pathMatches(pattern: string, path: string): boolean {
  return patternExpression(pattern).test(path);
}

/** The API's path filter nearest to `pattern`: itself when only its end is a wildcard, else its literal start with `*` (wider than the pattern). */
export function pathFilterOf(pattern: string): { filter: string; exact: boolean } {
  const star = pattern.indexOf('*');
  if (star < 0) {
    // A folder's own entry and everything below it.
    return { filter: `${pattern.replace(/\/$/, '')}*`, exact: false };
  }
  return { filter: pattern.slice(0, star + 1), exact: star === pattern.length - 1 };
}

const expressions = new Map<string, RegExp>();

function patternExpression(pattern: string): RegExp {
  let expression = expressions.get(pattern);
  if (!expression) {
    const trailing = pattern.endsWith('*');
    const body = (trailing ? pattern.slice(0, -1) : pattern.replace(/\/$/, '')).split('*').map(escape).join('[^/]*');
    // Without a wildcard, a path watches itself and what is below it.
    expression = new RegExp(`^${body}${trailing ? '.*' : '(/.*)?'}$`);
    expressions.set(pattern, expression);
  }
  return expression;
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
