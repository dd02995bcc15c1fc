import { act, render, screen } from '@testing-library/react';
import { createMemoryRouter, Link, Outlet, RouterProvider } from 'react-router-dom';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useRouteFocus } from './route-focus';

function Layout() {
  useRouteFocus();
  return (
    <>
      <nav>
        <Link to="/b">Go to B</Link>
      </nav>
      <main>
        <Outlet />
      </main>
    </>
  );
}

const page = (title: string) => (
  <>
    <h1 tabIndex={-1} data-page-title>
      {title}
    </h1>
    <button type="button">Inside {title}</button>
  </>
);

function renderApp() {
  const router = createMemoryRouter(
    [{ element: <Layout />, children: [{ path: '/a', element: page('Page A') }, { path: '/b', element: page('Page B') }] }],
    { initialEntries: ['/a'] },
  );
  render(<RouterProvider router={router} />);
  return router;
}

describe('useRouteFocus', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('moves focus to the new page title after a navigation', async () => {
    const router = renderApp();
    screen.getByRole('link', { name: 'Go to B' }).focus();
    await act(() => router.navigate('/b'));
    act(() => vi.advanceTimersByTime(60));
    expect(document.activeElement).toBe(screen.getByRole('heading', { name: 'Page B' }));
  });

  it('leaves focus alone when the user already moved it inside the new page', async () => {
    const router = renderApp();
    await act(() => router.navigate('/b'));
    const inside = screen.getByRole('button', { name: 'Inside Page B' });
    inside.focus();
    act(() => vi.advanceTimersByTime(60));
    expect(document.activeElement).toBe(inside);
  });
});
