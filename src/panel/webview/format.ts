/** A localized string with `{0}`, `{1}`... filled in; numbers in the locale's style. */
export function format(template: string | undefined, ...values: (string | number)[]): string {
  return (template ?? '').replace(/\{(\d)\}/g, (match, index: string) => {
    const value = values[Number(index)];
    return value === undefined ? match : typeof value === 'number' ? value.toLocaleString() : value;
  });
}
