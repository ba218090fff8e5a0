// What NocoBase's plugin manager shows of this package (2.2.15): `Plugin.toJSON` in @nocobase/server takes
// `displayName.<locale>` / `description.<locale>` (else the plain fields), `homepage` (the card's "Docs" link; read
// in no language of its own) and `keywords`; the detail dialog also reads `repository` (a string or `{ url }`, whose
// `url` it rewrites, so another shape breaks the dialog), `license` and `author`.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { PROJECT_ROOT } from '../testing/project-links.ts';

const text = z.string().trim().min(1);

const PackageMetadata = z.object({
  name: text,
  version: text,
  displayName: text,
  description: text,
  homepage: z.url({ protocol: /^https$/ }),
  repository: z.union([text, z.object({ type: text, url: text })]),
  license: text,
  keywords: z.array(text).min(1),
  author: z.union([text, z.object({ name: text })]).optional(),
});

const packageJson: Record<string, unknown> = JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8'));
// Parsed where used: a missing or mistyped field fails that test with zod's account of it.
const metadata = (): z.infer<typeof PackageMetadata> => PackageMetadata.parse(packageJson);

/** The plugin's languages other than English, whose texts are the plain fields: those of src/locale. */
const OTHER_LOCALES = readdirSync(join(PROJECT_ROOT, 'src', 'locale'))
  .filter((file) => file.endsWith('.json'))
  .map((file) => file.replace(/\.json$/, ''))
  .filter((locale) => locale !== 'en-US');

/** As the plugin manager's detail dialog shows the repository. */
function repositoryPage(repository: z.infer<typeof PackageMetadata>['repository']): string {
  const url = typeof repository === 'string' ? repository : repository.url;
  return url.replace(/\.git$/, '').replace(/^git\+/, '');
}

describe("package.json for NocoBase's plugin manager", () => {
  it('has the fields the manager shows, of the types it reads', () => {
    expect(() => metadata()).not.toThrow();
  });

  it.each(['zh-CN', 'ru-RU'])('is in %s, one of the languages of src/locale', (locale) => {
    expect(OTHER_LOCALES).toContain(locale);
  });

  it.each(OTHER_LOCALES)('has its name and description in %s, translated', (locale) => {
    const displayName = text.parse(packageJson[`displayName.${locale}`]);
    const description = text.parse(packageJson[`description.${locale}`]);
    expect(displayName).not.toBe(metadata().displayName);
    expect(description).not.toBe(metadata().description);
  });

  it("links its documentation to the README on the repository's page", () => {
    const { homepage, repository } = metadata();
    expect(repositoryPage(repository)).toBe('https://github.com/open-wecom/plugin-auth-wecom');
    expect(homepage).toBe(`${repositoryPage(repository)}#readme`);
  });
});
