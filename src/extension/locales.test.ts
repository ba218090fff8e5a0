import { readdirSync, readFileSync } from 'node:fs';

interface Message {
  message: string;
  description?: string;
  placeholders?: Record<string, { content: string }>;
}

const root = new URL('../../_locales/', import.meta.url);
const read = (locale: string): Record<string, Message> =>
  JSON.parse(readFileSync(new URL(`${locale}/messages.json`, root), 'utf8'));
const locales = readdirSync(root).sort();
const en = read('en');

const placeholdersIn = (text: string) => [...text.matchAll(/\$([A-Z_]+)\$/g)].map((match) => match[1]?.toLowerCase());

describe('_locales', () => {
  it('has English, Simplified Chinese and Russian', () => {
    expect(locales).toEqual(['en', 'ru', 'zh_CN']);
  });

  it.each(locales.filter((locale) => locale !== 'en'))('%s has exactly the English keys, each translated', (locale) => {
    const messages = read(locale);
    expect(Object.keys(messages).sort()).toEqual(Object.keys(en).sort());
    const words = (text: string) => /\p{L}/u.test(text.replace(/\$[A-Z_]+\$/g, ''));
    const same = Object.keys(en).filter(
      (key) => messages[key]?.message === en[key]?.message && words(en[key]?.message ?? ''),
    );
    // A text made of placeholders alone (`$ORIGIN$: $DETAIL$`) may read the same; any words must be translated.
    expect(same).toEqual([]);
  });

  it.each(locales)('%s defines every placeholder it uses, as English does', (locale) => {
    for (const [key, message] of Object.entries(read(locale))) {
      const used = placeholdersIn(message.message);
      expect(Object.keys(message.placeholders ?? {}).sort(), `${locale} ${key}`).toEqual([...new Set(used)].sort());
      for (const name of used) {
        expect(message.placeholders?.[name ?? '']?.content, `${locale} ${key} ${name}`).toBe(
          en[key]?.placeholders?.[name ?? '']?.content,
        );
      }
    }
  });

  it("has every __MSG_ key the manifest names, within the store's limits", () => {
    const manifest = readFileSync(new URL('../../manifest.json', import.meta.url), 'utf8');
    const keys = [...manifest.matchAll(/__MSG_(\w+)__/g)].map((match) => match[1] ?? '');
    expect(keys.length).toBeGreaterThan(0);
    for (const locale of locales) {
      const messages = read(locale);
      for (const key of keys) expect(messages[key], `${locale} ${key}`).toBeDefined();
      expect(messages.extName?.message.length).toBeLessThanOrEqual(75);
      expect(messages.extDescription?.message.length).toBeLessThanOrEqual(132);
    }
  });
});
