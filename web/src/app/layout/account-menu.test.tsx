import { screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { tokenStore } from '@/lib/auth';
import { installFakeFetch, json, testMe } from '@/test/fake-fetch';
import { renderWithProviders } from '@/test/render';
import { AccountMenu, initialsOf } from './account-menu';

describe('initialsOf', () => {
  it('takes the first letter of the first two words', () => {
    expect(initialsOf('Ada Lovelace')).toBe('AL');
    expect(initialsOf('  grace   brewster murray hopper ')).toBe('GB');
    expect(initialsOf('Ada')).toBe('A');
    expect(initialsOf('ada@example.com')).toBe('A');
    expect(initialsOf('')).toBe('?');
  });
});

describe('AccountMenu', () => {
  beforeEach(() => tokenStore.set('token'));
  afterEach(() => {
    vi.unstubAllGlobals();
    tokenStore.set(null);
  });

  it("has an accessible name that starts with the visible initials (WCAG 2.5.3)", async () => {
    installFakeFetch({ 'GET /api/v1/auth/me': () => json({ ...testMe, user: { ...testMe.user, name: 'Ada Lovelace' } }) });
    renderWithProviders(<AccountMenu />);
    const button = await screen.findByRole('button', { name: 'AL Account menu for Ada Lovelace' });
    const visible = button.querySelector('.avatar')?.textContent ?? '';
    expect(visible).toBe('AL');
    expect(button.querySelector('.avatar')).not.toHaveAttribute('aria-hidden');
    expect(button).not.toHaveAttribute('aria-label');
    expect(button).toHaveAttribute('aria-expanded', 'false');
  });
});
