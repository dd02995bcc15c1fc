// Steps several specs take through the UI.

/** Fills the sign-up form on the current page and submits it. */
export async function signUp(page, user, { org } = {}) {
  await page.getByLabel('Your name').fill(user.name);
  await page.getByLabel('E-mail').fill(user.email);
  await page.getByLabel('Password').fill(user.password);
  if (org) await page.getByLabel('Organization name').fill(org);
  await page.getByRole('button', { name: 'Create account' }).click();
}
