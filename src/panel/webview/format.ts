import { pluralForm, type CountedNoun } from '../../activity/counted';

/** A localized string with `{0}`, `{1}`... filled in; numbers in the locale's style. */
export function format(template: string | undefined, ...values: (string | number)[]): string {
  return (template ?? '').replace(/\{(\d)\}/g, (match, index: string) => {
    const value = values[Number(index)];
    return value === undefined ? match : typeof value === 'number' ? value.toLocaleString() : value;
  });
}

/** `count` with its noun in the form the count takes, from the panel's words (`<noun>.one`, `<noun>.other`). */
export function counted(strings: Readonly<Record<string, string>>, noun: CountedNoun, count: number): string {
  return format(strings[`${noun}.${pluralForm(count)}`], count);
}
