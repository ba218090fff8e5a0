import type { Locator, Page } from '@playwright/test';
import type { AppAsRoot } from './nocobase-api.ts';

export const AUTHENTICATORS_PATH = '/admin/settings/auth/authenticators';

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A form item of the classic shell (Formily's) or of the `/v/` shell (antd's `Form.Item`). */
const FORM_ITEM_CLASSES = ['ant-formily-item', 'ant-form-item'];

const FORM_ITEM = FORM_ITEM_CLASSES.map(
  (name) => `contains(concat(" ", normalize-space(@class), " "), " ${name} ")`,
).join(' or ');

/**
 * The form item labelled exactly `label` inside `scope`, in either shell. Items nest (in the classic shell the
 * advanced WeCom addresses are items inside an item), so the nearest item around the label is taken, not the first
 * that contains it.
 */
export function formItem(scope: Locator, label: string): Locator {
  return scope
    .locator('label')
    .filter({ hasText: new RegExp(`^${escapeRegExp(label)}$`) })
    .locator(`xpath=ancestor::div[${FORM_ITEM}][1]`);
}

export function formInput(scope: Locator, label: string): Locator {
  return formItem(scope, label).locator('input');
}

/** NocoBase's drawer for adding or configuring an authenticator. */
export function authenticatorDrawer(page: Page): Locator {
  return page.locator('.ant-drawer-content').filter({ has: page.getByRole('button', { name: 'Submit' }) });
}

/**
 * Signs in as root through NocoBase's own password form (nocobase-integration.md §10), landing on `path`.
 * A real sign-in rather than a planted token: the admin pages are then exactly what an admin sees.
 */
export async function signInWithPassword(page: Page, app: AppAsRoot, path: string): Promise<void> {
  await page.goto(`${app.appUrl}/signin?redirect=${encodeURIComponent(path)}`);
  await page.getByPlaceholder('Username/Email').fill(app.root.account);
  await page.getByPlaceholder('Password').fill(app.root.password);
  // NocoBase labels its form's button by its schema (nocobase-integration.md §10), not by its text.
  await page.locator('button[aria-label="action-Action-Sign in"]').click();
  await page.waitForURL(`${app.appUrl}${path}`);
}
